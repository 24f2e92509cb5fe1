import { readFileSync } from "node:fs";
import { diffGraphs } from "../../../parity/diff/diff-graphs";
import { buildGraph } from "../../../parity/graph/normalise";
import { detectFormat, readArtifact } from "../../../parity/sources/read-artifact";
import {
  CHECKPOINT,
  CREATES_PREVIEW,
  EKS_CREATE,
  EKS_UP,
  EXPORT,
  fixtureJson,
  tempFile,
  UPDATE_PREVIEW,
} from "../artifacts";

const graphOf = (file: string) => buildGraph(readArtifact(file));

describe("reading real Pulumi artifacts", () => {
  it("finds that the export and the update preview of the same stack differ exactly in the Lambda's code", () => {
    const { findings, explained } = diffGraphs(graphOf(EXPORT), graphOf(UPDATE_PREVIEW));

    expect(explained).toEqual([]);
    expect(findings).toEqual([
      {
        kind: "input",
        resource: "aws:lambda/function:Function::docsHandler",
        property: "code",
        a: "archive sha256:4fababcf7ea9c00e4bd4263bf3ac3d1fece41b318a892f4a4b864bc3fd65c84d",
        b: "archive sha256:3886dc7db621541977d614ac33c9ba8f079dcd8f98e58459e646d4197569d9a1",
        rule: "inputs must be identical unless a declared knob differs",
      },
    ]);
  });

  it("reads the same 15 resources from the export and from the preview of creating them", () => {
    const exported = graphOf(EXPORT);

    expect([...exported.resources.keys()].sort()).toEqual(
      [...graphOf(CREATES_PREVIEW).resources.keys()].sort(),
    );
    expect(exported.resources.size).toBe(15);
  });

  it("replaces ids and ARNs of other resources with references and auto-name suffixes with a placeholder", () => {
    const graph = graphOf(EXPORT);

    expect(graph.resources.get("aws:lambda/function:Function::docsHandler")).toMatchObject({
      parent: "aws:s3:BucketEventSubscription::docsHandler",
      provider: undefined,
      dependencies: ["aws:iam/role:Role::docsHandler"],
      inputs: expect.objectContaining({
        name: "docsHandler-[auto]",
        role: "[ref aws:iam/role:Role::docsHandler]",
        runtime: "nodejs20.x",
      }) as unknown,
    });
  });

  it("loads the 30 resources of the DIY checkpoint", () => {
    const graph = graphOf(CHECKPOINT);

    expect(graph.source).toBe("DIY checkpoint (v3)");
    expect(graph.resources.size).toBe(30);
    expect(graph.resources.get("aws:sns/topic:Topic::countDown")?.parent).toBe(
      "cloud:topic:Topic::countDown",
    );
  });

  it.each([EKS_UP, EKS_CREATE])("loads the resources of the event log %s", (file) => {
    const graph = graphOf(file);

    expect(graph.source).toBe("engine event log");
    expect([...graph.resources.keys()].sort()).toEqual([
      "aws:ec2/securityGroup:SecurityGroup::{project}-sg",
      "aws:eks/cluster:Cluster::{project}-cluster",
      "aws:iam/role:Role::{project}-role",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment::{project}-rpa-cluster-policy",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment::{project}-rpa-service-policy",
    ]);
  });

  it("finds no difference between the event logs of the same stack updated and created", () => {
    expect(diffGraphs(graphOf(EKS_UP), graphOf(EKS_CREATE)).findings).toEqual([]);
  });

  it("warns when a preview was made without --show-sames", () => {
    const preview = fixtureJson(UPDATE_PREVIEW);
    const steps = (preview.steps as { op: string }[]).filter((s) => s.op !== "same");
    const file = tempFile("changes-only.preview.json", { ...preview, steps });

    expect(readArtifact(file).notes).toEqual([
      `${file} has no \`same\` step: it was made without --show-sames, so unchanged resources are missing. Run \`pulumi preview --json --show-sames\`.`,
    ]);
    expect(readArtifact(UPDATE_PREVIEW).notes).toEqual([]);
  });

  it("reads deployment version 4 and refuses other versions", () => {
    const exported = fixtureJson(EXPORT);

    expect(graphOf(tempFile("v4.json", { ...exported, version: 4 })).resources.size).toBe(15);
    const v2 = tempFile("v2.json", { ...exported, version: 2 });
    expect(() => readArtifact(v2)).toThrow(
      `${v2}: \`pulumi stack export\` deployment version 2 is not supported. Allowed: 3, 4. Fix: export with a Pulumi CLI from v3.`,
    );
  });

  it("keeps secrets opaque: present, compared, never shown", () => {
    const exported = fixtureJson(EXPORT) as { deployment: { resources: { inputs?: object }[] } };
    const bucket = exported.deployment.resources[2] as { inputs: Record<string, unknown> };
    bucket.inputs.policy = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "v1:CIPHERTEXT-THAT-MUST-NOT-LEAK",
    };
    const graph = graphOf(tempFile("secret.json", exported));

    expect(graph.resources.get("aws:s3/bucket:Bucket::docs")?.inputs.policy).toBe("[secret]");
    expect(JSON.stringify([...graph.resources.values()])).not.toContain("CIPHERTEXT");
  });
});

describe("detecting the format of a file", () => {
  it.each([
    [EXPORT, "stack-export"],
    [CHECKPOINT, "checkpoint"],
    [UPDATE_PREVIEW, "preview"],
  ])("says %s is a %s", (file, format) => {
    expect(detectFormat(JSON.parse(readFileSync(file, "utf8")))).toBe(format);
  });

  it("says one event of an event log is an event log", () => {
    const [line] = readFileSync(EKS_UP, "utf8").split("\n");
    expect(detectFormat(JSON.parse(line ?? ""))).toBe("event-log");
  });

  it("refuses a file it does not know, listing the known formats", () => {
    const file = tempFile("other.json", { hello: "world" });

    expect(() => readArtifact(file)).toThrow(
      `${file}: is not a Pulumi artifact this tool reads. Known formats: \`pulumi stack export\` (deployment version 3 or 4); a DIY-backend checkpoint file ({version, checkpoint: {stack, latest}}); \`pulumi preview --json\` (best with --show-sames); an engine event log (\`--event-log\`, one JSON object per line).`,
    );
  });

  it("says where a truncated export ends", () => {
    const file = tempFile("truncated.json", readFileSync(EXPORT, "utf8").slice(0, 3000));

    expect(() => readArtifact(file)).toThrow(
      `${file}: JSON ends too early, the file looks truncated at line 73, column 43. Produce the file again.`,
    );
  });

  it("says which line of an event log is broken", () => {
    const lines = readFileSync(EKS_UP, "utf8").split("\n");
    const file = tempFile(
      "cut.jsonl",
      [...lines.slice(0, 3), (lines[3] ?? "").slice(0, 50)].join("\n"),
    );

    expect(() => readArtifact(file)).toThrow(
      `${file}: line 4: JSON ends too early, the file looks truncated at line 4, column 51. Produce the file again.`,
    );
  });

  it("says when the file does not exist", () => {
    expect(() => readArtifact("/nonexistent/stack.json")).toThrow(
      "/nonexistent/stack.json: no such file.",
    );
  });
});
