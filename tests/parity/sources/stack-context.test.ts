import { checkParity } from "../../../parity/check/check-parity";
import { syntheticExport } from "../../../bench/synthetic-export";
import { readOfflineStack } from "../../../parity/sources/offline";
import { tempFile } from "../artifacts";
import { PROJECT_DIR } from "../project";

describe("comparing real artifacts with offline stacks", () => {
  it("finds parity between an export of prod and staging evaluated offline", async () => {
    const prod = await readOfflineStack(PROJECT_DIR, "prod");
    const exported = tempFile("prod.export.json", {
      version: 3,
      deployment: {
        manifest: { time: "2026-01-01T00:00:00Z", version: "v3.200.0" },
        resources: prod.resources,
      },
    });

    const report = await checkParity({ projectDir: PROJECT_DIR, pairs: [["staging", exported]] });

    expect(report.findings).toEqual([]);
    expect(report.stacks[exported]?.source).toBe("pulumi stack export (v3)");
  });

  it("finds parity between exports of two stacks of another project that differ only in identity", async () => {
    const a = tempFile(
      "a.json",
      syntheticExport({ stack: "blue", account: "111111111111", region: "eu-west-1" }, 300),
    );
    const b = tempFile(
      "b.json",
      syntheticExport({ stack: "green", account: "222222222222", region: "us-east-2" }, 300),
    );

    const report = await checkParity({ projectDir: PROJECT_DIR, pairs: [[a, b]] });

    expect(report.verdict).toBe("pass");
    expect(report.stacks[a]?.resources).toHaveLength(299);
  });
});
