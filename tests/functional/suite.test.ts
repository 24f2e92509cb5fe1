import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { loadAssets } from "../../app/src/assets";
import { migrate, schemaVersion } from "../../app/src/migrations";
import { STATIC_DIR } from "../../app/src/main";
import { parseSuiteOptions } from "../../functional/options";
import { runSuite } from "../../functional/run-suite";
import { FUNCTIONAL_TESTS } from "../../functional/suite";
import { readYourWrites } from "../../functional/tests/read-your-writes";
import type { SuiteReport } from "../../functional/types";
import { startApp, type RunningApp } from "../helpers/app-server";
import { startHeaderProxy, type RunningProxy } from "../helpers/header-proxy";
import { startReplicatedPostgres, testPool, type ReplicatedPostgres } from "../helpers/postgres";
import { until } from "../helpers/until";

/** The replica applies every commit this long after it happened, as a loaded Aurora reader may. */
const APPLY_DELAY_MS = 1000;
const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "parity", "cli", "bin.js");

let pg: ReplicatedPostgres | undefined;
// Set in beforeAll; undefined only when it failed, and then afterAll must not hide its error.
let writer!: Pool;
let reader!: Pool;
const running: (RunningApp | RunningProxy)[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), "parity-functional-"));

beforeAll(async () => {
  pg = await startReplicatedPostgres(APPLY_DELAY_MS);
  writer = testPool(pg.primary.url());
  reader = testPool(pg.replica.url());
  await migrate(writer);
  await until(
    "the replica to apply the migrations",
    async () => (await schemaVersion(reader)) === 3,
  );
});

afterAll(async () => {
  try {
    await Promise.all(running.map((started) => started.close()));
    const pools = [writer as Pool | undefined, reader as Pool | undefined];
    await Promise.all(pools.flatMap((pool) => (pool === undefined ? [] : [pool.end()])));
  } finally {
    await pg?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});

/** The reference app on the replicated database, release r2 unless the case serves another. */
async function app(options: Partial<Parameters<typeof startApp>[0]> = {}): Promise<RunningApp> {
  const started = await startApp({
    writer,
    reader,
    readStrategy: "read-your-writes",
    releaseId: "r2",
    ...options,
  });
  running.push(started);
  return started;
}

/** app/static's files with `edit` applied to one of them: a broken build of the page. */
function editedStatic(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(scratch, "static-"));
  cpSync(STATIC_DIR, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing: update the case`);
  writeFileSync(target, after);
  return dir;
}

/** Runs the suite (or `ids` of it) as `parity functional` would, with artifacts in `name`. */
function run(url: string, name: string, more: { readOnly?: boolean; ids?: string[] } = {}) {
  const options = parseSuiteOptions(
    url,
    { artifacts: path.join(scratch, name), readOnly: more.readOnly ?? false, timeout: 5_000 },
    ROOT,
  );
  const tests = FUNCTIONAL_TESTS.filter(
    (test) => more.ids === undefined || more.ids.includes(test.id),
  );
  return runSuite({ ...options, tests });
}

function statuses(report: SuiteReport): Record<string, string> {
  return Object.fromEntries(report.results.map((result) => [result.id, result.status]));
}

async function notes(): Promise<number> {
  return Number((await writer.query<{ n: string }>("SELECT count(*) AS n FROM notes")).rows[0]?.n);
}

describe("the functional suite in headless Chromium against the reference app on PostgreSQL with a lagging replica", () => {
  it("passes every test, and keeps no screenshots when nothing failed", async () => {
    const started = await app();

    const report = await run(started.url, "all-pass");

    expect(report.results.filter((result) => result.status !== "pass")).toEqual([]);
    expect(Object.keys(statuses(report))).toEqual(FUNCTIONAL_TESTS.map((test) => test.id));
    expect(report.ok).toBe(true);
    expect(existsSync(path.join(scratch, "all-pass"))).toBe(false);
    expect(started.errors).toEqual([]);
  });

  it("runs the read-only subset without a write reaching the database", async () => {
    const started = await app();
    const before = await notes();

    const report = await run(started.url, "read-only", { readOnly: true });

    expect(statuses(report)).toEqual({
      "page-loads": "pass",
      "script-release": "pass",
      "hashed-assets": "pass",
      "read-your-writes": "skip",
      "failed-request": "pass",
    });
    expect(await notes()).toBe(before);
  });

  it("fails a test that tries to write during a read-only run, and the write never leaves the browser", async () => {
    const started = await app();
    const before = await notes();
    const options = parseSuiteOptions(
      started.url,
      { artifacts: path.join(scratch, "refused"), readOnly: true, timeout: 5_000 },
      ROOT,
    );
    const mislabelled = { ...readYourWrites, writes: false };

    const report = await runSuite({ ...options, tests: [mislabelled] });

    expect(report.results[0]).toMatchObject({
      status: "fail",
      summary: "The page sent requests that change data during a read-only run.",
      seen: `POST ${started.url}/notes`,
    });
    expect(await notes()).toBe(before);
  });
});

describe("each functional test fails, with a screenshot and a trace, when the app breaks what it checks", () => {
  it.each([
    [
      "the app serves the previous release's script to a new release",
      "script-release",
      async () => (await app({ assets: loadAssets(STATIC_DIR, "/assets/", "r1") })).url,
      "the script reports release r1",
    ],
    [
      "reads go to the lagging replica (the naive strategy)",
      "read-your-writes",
      async () => (await app({ readStrategy: "naive" })).url,
      "reading it back failed: 404 note",
    ],
    [
      "the page is blank",
      "page-loads",
      async () =>
        (
          await app({
            assets: loadAssets(
              editedStatic("index.html", () => ""),
              "/assets/",
              "r2",
            ),
          })
        ).url,
      "missing: heading, form, script",
    ],
    [
      "the script leaves a failed request's error hidden",
      "failed-request",
      async () => {
        const dir = editedStatic("app.js", (text) => text.replace("problem.hidden = false;", ""));
        return (await app({ assets: loadAssets(dir, "/assets/", "r2") })).url;
      },
      "the page said nothing about the save",
    ],
    [
      "a CDN in front keeps the assets for a day only",
      "hashed-assets",
      async () => {
        const proxy = await startHeaderProxy((await app()).url, (requested, headers) => {
          if (requested.startsWith("/assets/"))
            headers.set("cache-control", "public, max-age=86400");
        });
        running.push(proxy);
        return proxy.url;
      },
      "Cache-Control: public, max-age=86400",
    ],
  ])("when %s, %s fails", async (_case, id, serve, seen) => {
    const url = await serve();

    const report = await run(url, id, { ids: [id] });

    const [result] = report.results;
    expect(report.ok).toBe(false);
    expect(result?.status).toBe("fail");
    expect(`${result?.summary ?? ""} ${result?.seen ?? ""}`).toContain(seen);
    expect(statSync(result?.screenshot ?? "").size).toBeGreaterThan(0);
    expect(statSync(result?.trace ?? "").size).toBeGreaterThan(0);
  });
});

/** Runs the real `parity` bin and resolves to its exit code and output. */
function parity(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { encoding: "utf8", cwd: ROOT },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** A loopback URL where nothing listens any more. */
async function closedUrl(): Promise<string> {
  const proxy = await startHeaderProxy("http://127.0.0.1:1", () => undefined);
  await proxy.close();
  return proxy.url;
}

describe("parity functional", () => {
  it("exits 1 naming the failed test, and writes the JSON report and a job summary naming its screenshot", async () => {
    const naive = await app({ readStrategy: "naive" });
    const out = (file: string) => path.join(scratch, file);

    const run = await parity([
      "functional",
      naive.url,
      "--artifacts",
      out("cli"),
      "--json",
      out("cli.json"),
      "--markdown",
      out("cli.md"),
    ]);

    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("  FAIL  A note saved in the form is read back at once\n");
    expect(run.stdout).toContain("4 passed, 1 failed, 0 skipped: users would see it broken.");
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(out("cli.json"), "utf8")) as SuiteReport;
    expect(report.results.find((result) => result.status === "fail")?.screenshot).toBe(
      path.join(out("cli"), "read-your-writes.png"),
    );
    expect(readFileSync(out("cli.md"), "utf8")).toContain("screenshot: read-your-writes.png");
  });

  it.each([
    [
      "a URL that is not HTTP",
      () => Promise.resolve(["ftp://example.com"]),
      'functional: "ftp://example.com" is not an http:// or https:// URL.',
    ],
    ["an environment that does not answer", async () => [await closedUrl()], "did not answer"],
    [
      "no browser at the given path",
      async () => [(await app()).url, "--browser", path.join(scratch, "no-chromium")],
      "functional: no browser at",
    ],
  ])("exits 2 with one line for %s", async (_case, args, message) => {
    const run = await parity(["functional", ...(await args())]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
