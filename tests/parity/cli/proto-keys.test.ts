import { readFileSync } from "node:fs";
import { EXPORT, REFRESH_LOG, tempFile } from "../artifacts";
import { runCli } from "./run-cli";

/** The export fixture with `__proto__` (as JSON text, so it is a key) in the bucket's inputs. */
function exportWithProtoInput(value: string): string {
  const text = readFileSync(EXPORT, "utf8");
  const firstInput = '"acl": "private",';
  if (!text.includes(firstInput)) throw new Error("the export fixture changed its bucket inputs");
  return tempFile(
    "proto.export.json",
    text.replace(firstInput, `"__proto__": {"polluted": ${value}}, ${firstInput}`),
  );
}

describe("keys named __proto__ in an artifact", () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("are compared like any other key by diff: equal values hold parity", async () => {
    const a = exportWithProtoInput('"yes"');
    const result = await runCli("diff", a, exportWithProtoInput('"yes"'), "--json", `${a}.out`);

    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(`${a}.out`, "utf8")) as {
      stacks: Record<string, { resources: { key: string; inputs: unknown }[] }>;
    };
    const bucket = report.stacks[a]?.resources.find((r) => r.key === "aws:s3/bucket:Bucket::docs");
    expect(bucket?.inputs).toMatchObject({ ["__proto__"]: { polluted: "yes" } });
  });

  it("are compared like any other key by diff: a different value is a finding at that path", async () => {
    const a = exportWithProtoInput('"yes"');
    const result = await runCli("diff", a, exportWithProtoInput('"no"'));

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('aws:s3/bucket:Bucket "docs" __proto__.polluted: in ');
  });

  it("are compared like any other key by diff: a key only one side has is a finding", async () => {
    const result = await runCli("diff", exportWithProtoInput('"yes"'), EXPORT);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('aws:s3/bucket:Bucket "docs" __proto__: in ');
  });

  it("are reported with both values by drift", async () => {
    const lines = readFileSync(REFRESH_LOG, "utf8")
      .split("\n")
      .map((line) =>
        line.includes('"op":"update"')
          ? line
              .replace('"detailedDiff":{', '"detailedDiff":{"__proto__":{"diffKind":"update"},')
              .replace('"inputs":{}', '"inputs":{"__proto__":"old"}')
              .replace('"inputs":{"oof"', '"inputs":{"__proto__":"new","oof"')
          : line,
      );
    const file = tempFile("proto.jsonl", lines.join("\n"));
    const json = `${file}.out`;

    const result = await runCli("drift", file, "--json", json);

    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(json, "utf8")) as {
      sources: { changed: { changes: unknown[] }[] }[];
    };
    expect(report.sources[0]?.changed[0]?.changes).toContainEqual({
      path: "__proto__",
      kind: "update",
      old: "old",
      new: "new",
    });
  });
});
