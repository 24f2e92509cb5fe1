import { InputFile } from "../../../parity/sources/input-file";
import { tempFile } from "../artifacts";

async function linesOf(file: string): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const { bytes, number } of (await InputFile.open(file)).lines()) {
    out.push([number, bytes.toString("utf8")]);
  }
  return out;
}

describe("reading a file line by line", () => {
  it("joins a line that spans many read chunks, keeping a character split between them", async () => {
    // 300 KiB of "é" (two bytes each): read chunks of 64 KiB split some of them in half.
    const long = "é".repeat(150 * 1024);
    const file = tempFile("long-line.jsonl", `first\n${long}\nlast`);

    expect(await linesOf(file)).toEqual([
      [1, "first"],
      [2, long],
      [3, "last"],
    ]);
  });

  it("numbers blank lines and reads a file that ends with a line break", async () => {
    const file = tempFile("blank.jsonl", "a\n\nb\n");

    expect(await linesOf(file)).toEqual([
      [1, "a"],
      [2, ""],
      [3, "b"],
    ]);
  });
});
