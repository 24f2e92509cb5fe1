import { EventEmitter } from "node:events";
import { runAsProcess, UNSETTLED, type ParityProcess } from "../../../parity/cli/process-run";

/** A process double: events, an exit code and what was written to stderr. */
function fakeProcess(): ParityProcess &
  EventEmitter & { readonly stdout: EventEmitter; written: string[] } {
  const written: string[] = [];
  return Object.assign(new EventEmitter(), {
    exitCode: undefined as number | undefined,
    stdout: new EventEmitter(),
    stderr: { write: (text: string) => written.push(text) },
    written,
  });
}

describe("runAsProcess", () => {
  it("exits with the code the command resolved to", async () => {
    const proc = fakeProcess();

    await runAsProcess(() => Promise.resolve(1), proc);
    proc.emit("exit");

    expect([proc.exitCode, proc.written]).toEqual([1, []]);
  });

  it("exits 3 with one line when the process ends before the command settled", () => {
    const proc = fakeProcess();

    void runAsProcess(() => new Promise<number>(() => undefined), proc);
    proc.emit("exit");

    expect([proc.exitCode, proc.written]).toEqual([3, [`${UNSETTLED}\n`]]);
  });

  it("starts failed, so a command still running has not passed", () => {
    const proc = fakeProcess();

    void runAsProcess(() => new Promise<number>(() => undefined), proc);

    expect(proc.exitCode).toBe(3);
  });

  it("ends quietly when the reader of stdout goes away", () => {
    const proc = fakeProcess();
    void runAsProcess(() => new Promise<number>(() => undefined), proc);

    expect(() =>
      proc.stdout.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" })),
    ).not.toThrow();
    expect(proc.written).toEqual([]);
  });

  it("lets any other error of stdout surface", () => {
    const proc = fakeProcess();
    void runAsProcess(() => new Promise<number>(() => undefined), proc);

    expect(() =>
      proc.stdout.emit("error", Object.assign(new Error("write EIO"), { code: "EIO" })),
    ).toThrow("write EIO");
  });
});
