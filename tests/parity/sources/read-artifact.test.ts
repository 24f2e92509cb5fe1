import { readFileSync } from "node:fs";
import { diffGraphs } from "../../../parity/diff/diff-graphs";
import { buildGraph } from "../../../parity/graph/normalise";
import { openArtifact } from "../../../parity/sources/artifact";
import { readArtifact } from "../../../parity/sources/read-artifact";
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

const graphOf = async (file: string) => buildGraph(await readArtifact(file));

describe("reading real Pulumi artifacts", () => {
  it("finds that the export and the update preview of the same stack differ exactly in the Lambda's code", async () => {
    const { findings, explained } = diffGraphs(
      await graphOf(EXPORT),
      await graphOf(UPDATE_PREVIEW),
    );

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

  it("reads the same 15 resources from the export and from the preview of creating them", async () => {
    const exported = await graphOf(EXPORT);

    expect([...exported.resources.keys()].sort()).toEqual(
      [...(await graphOf(CREATES_PREVIEW)).resources.keys()].sort(),
    );
    expect(exported.resources.size).toBe(15);
  });

  it("replaces ids and ARNs of other resources with references and auto-name suffixes with a placeholder", async () => {
    const graph = await graphOf(EXPORT);

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

  it("loads the 30 resources of the DIY checkpoint", async () => {
    const graph = await graphOf(CHECKPOINT);

    expect(graph.source).toBe("DIY checkpoint (v3)");
    expect(graph.resources.size).toBe(30);
    expect(graph.resources.get("aws:sns/topic:Topic::countDown")?.parent).toBe(
      "cloud:topic:Topic::countDown",
    );
  });

  it.each([EKS_UP, EKS_CREATE])("loads the resources of the event log %s", async (file) => {
    const graph = await graphOf(file);

    expect(graph.source).toBe("engine event log");
    expect([...graph.resources.keys()].sort()).toEqual([
      "aws:ec2/securityGroup:SecurityGroup::{project}-sg",
      "aws:eks/cluster:Cluster::{project}-cluster",
      "aws:iam/role:Role::{project}-role",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment::{project}-rpa-cluster-policy",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment::{project}-rpa-service-policy",
    ]);
  });

  it("finds no difference between the event logs of the same stack updated and created", async () => {
    expect(diffGraphs(await graphOf(EKS_UP), await graphOf(EKS_CREATE)).findings).toEqual([]);
  });

  it("warns when a preview was made without --show-sames", async () => {
    const preview = fixtureJson(UPDATE_PREVIEW);
    const steps = (preview.steps as { op: string }[]).filter((s) => s.op !== "same");
    const file = tempFile("changes-only.preview.json", { ...preview, steps });

    expect((await readArtifact(file)).notes).toEqual([
      `${file} has no \`same\` step: it was made without --show-sames, so unchanged resources are missing. Run \`pulumi preview --json --show-sames\`.`,
    ]);
    expect((await readArtifact(UPDATE_PREVIEW)).notes).toEqual([]);
  });

  it("reads deployment version 4 and refuses other versions", async () => {
    const exported = fixtureJson(EXPORT);

    expect((await graphOf(tempFile("v4.json", { ...exported, version: 4 }))).resources.size).toBe(
      15,
    );
    const v2 = tempFile("v2.json", { ...exported, version: 2 });
    await expect(readArtifact(v2)).rejects.toThrow(
      `${v2}: \`pulumi stack export\` deployment version 2 is not supported. Allowed: 3, 4. Fix: export with a Pulumi CLI from v3.`,
    );
  });

  it("keeps secrets opaque: present, compared, never shown", async () => {
    const exported = fixtureJson(EXPORT) as { deployment: { resources: { inputs?: object }[] } };
    const bucket = exported.deployment.resources[2] as { inputs: Record<string, unknown> };
    bucket.inputs.policy = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "v1:CIPHERTEXT-THAT-MUST-NOT-LEAK",
    };
    const graph = await graphOf(tempFile("secret.json", exported));

    expect(graph.resources.get("aws:s3/bucket:Bucket::docs")?.inputs.policy).toBe("[secret]");
    expect(JSON.stringify([...graph.resources.values()])).not.toContain("CIPHERTEXT");
  });
});

describe("detecting the format of a file", () => {
  it.each([
    [EXPORT, "stack-export"],
    [CHECKPOINT, "checkpoint"],
    [UPDATE_PREVIEW, "preview"],
    [EKS_UP, "event-log"],
  ])("says %s is a %s", async (file, format) => {
    const artifact = await openArtifact(file, [
      "stack-export",
      "checkpoint",
      "preview",
      "event-log",
    ]);
    const events: unknown[] = [];
    if (artifact.format === "event-log")
      for await (const event of artifact.events) events.push(event);

    expect(artifact.format).toBe(format);
    expect(events.length > 0).toBe(format === "event-log");
  });

  it("refuses a file it does not know, listing the known formats", async () => {
    const file = tempFile("other.json", { hello: "world" });

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: is not a Pulumi artifact this tool reads. Known formats: \`pulumi stack export\` (deployment version 3 or 4); a DIY-backend checkpoint file ({version, checkpoint: {stack, latest}}); preview JSON (\`pulumi preview --json --show-sames\`, \`pulumi refresh --preview-only --json\`); an engine event log (\`--event-log\`, one JSON object per line).`,
    );
  });

  it("says where a truncated export ends", async () => {
    const file = tempFile("truncated.json", readFileSync(EXPORT, "utf8").slice(0, 3000));

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: JSON ends too early, the file looks truncated at line 73, column 43. Produce the file again.`,
    );
  });

  it("says which line of an event log is broken", async () => {
    const lines = readFileSync(EKS_UP, "utf8").split("\n");
    const file = tempFile(
      "cut.jsonl",
      [...lines.slice(0, 3), (lines[3] ?? "").slice(0, 50)].join("\n"),
    );

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: line 4: JSON ends too early, the file looks truncated at line 4, column 51. Produce the file again.`,
    );
  });

  it("refuses a single event that is not a whole event log", async () => {
    const [line] = readFileSync(EKS_UP, "utf8").split("\n");
    const file = tempFile("one-event.json", line ?? "");

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: is one engine event, not a whole event log: the log ends without its summary event. Pass the whole file \`--event-log\` wrote.`,
    );
  });

  it("says when the file does not exist", async () => {
    await expect(readArtifact("/nonexistent/stack.json")).rejects.toThrow(
      "/nonexistent/stack.json: no such file.",
    );
  });
});

type Mutable = Record<string, unknown>;
const exportWith = (change: (resources: Mutable[], doc: Mutable) => void): Mutable => {
  const doc = fixtureJson(EXPORT);
  change((doc.deployment as { resources: Mutable[] }).resources, doc);
  return doc;
};
const eventLines = readFileSync(EKS_UP, "utf8").trimEnd().split("\n");

describe("never reading a broken artifact as a pass", () => {
  it.each([
    [
      "an export without its resources",
      { version: 3, deployment: { manifest: {} } },
      "holds no resources, so a comparison with it would compare nothing. Pass an artifact of a stack that has been deployed (or previewed).",
    ],
    [
      "an export without a manifest",
      { version: 3, deployment: { resources: [] } },
      "is not a complete stack export (at `deployment.manifest`: expected object, received undefined).",
    ],
    [
      "an export whose deployment is null",
      { version: 3, deployment: null },
      "is not a complete stack export (at `deployment`: expected object, received null).",
    ],
    [
      "a resource without a URN",
      exportWith((resources) => delete resources[3]?.urn),
      "is not a complete stack export (at `deployment.resources[3].urn`: expected string, received undefined).",
    ],
    [
      "a resource whose URN is not a URN",
      exportWith((resources) => Object.assign(resources[2] ?? {}, { urn: "docs" })),
      "is not a complete stack export (at `deployment.resources[2].urn`: expected a URN (urn:pulumi:<stack>::<project>::<type>::<name>)).",
    ],
    [
      "a resource whose inputs are a string",
      exportWith((resources) => Object.assign(resources[2] ?? {}, { inputs: "x" })),
      "is not a complete stack export (at `deployment.resources[2].inputs`: expected an object).",
    ],
    [
      "two live resources with one URN",
      exportWith((resources) => resources.push({ ...resources[2] })),
      "URN urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs appears twice (`deployment.resources[2]` and `deployment.resources[17]`); a stack holds each resource once. Pass the file Pulumi wrote.",
    ],
    [
      "a checkpoint without a stack deployed",
      { version: 3, checkpoint: { stack: "dev" } },
      "holds no resources, so a comparison with it would compare nothing. Pass an artifact of a stack that has been deployed (or previewed).",
    ],
    [
      "a preview without steps",
      { steps: [] },
      "holds no resources, so a comparison with it would compare nothing. Pass an artifact of a stack that has been deployed (or previewed).",
    ],
    ["a JSON null", "null", "is JSON but not an object (got null)."],
  ])("refuses %s", async (_what, content, problem) => {
    const file = tempFile("artifact.json", content);

    await expect(readArtifact(file)).rejects.toThrow(`${file}: ${problem}`);
  });

  it.each([
    [
      "without its summary event (a killed run)",
      eventLines.slice(0, -2),
      "the event log ends without its summary event: the run was cut short (killed or crashed), so it does not show every resource. Run the command again to completion.",
    ],
    [
      "cancelled before its summary",
      [...eventLines.slice(0, -2), eventLines.at(-1) ?? ""],
      "the event log ends without its summary event: the run was cancelled, so it does not show every resource. Run the command again to completion.",
    ],
    [
      "of a run that failed",
      eventLines.map((line) =>
        line.replace('"PolicyPacks":{}', '"PolicyPacks":{},"result":"failed"'),
      ),
      'the run ended "failed", so the event log does not show every resource. Run the command again to completion.',
    ],
  ])("refuses an event log %s", async (_what, lines, problem) => {
    const file = tempFile("events.jsonl", `${lines.join("\n")}\n`);

    await expect(readArtifact(file)).rejects.toThrow(`${file}: ${problem}`);
  });

  it("refuses an event whose step has no URN, naming the line", async () => {
    const lines = eventLines.map((line, i) => (i === 2 ? line.replace('"urn":', '"urx":') : line));
    const file = tempFile("events.jsonl", lines.join("\n"));

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: line 3: is not a complete engine event (at \`resOutputsEvent.metadata.urn\`: expected string, received undefined).`,
    );
  });
});

describe("refusing an artifact whose resources contradict each other", () => {
  const BUCKET = "urn:pulumi:dev::sample::aws:s3/bucket:Bucket::docs";
  const ROLE =
    "urn:pulumi:dev::sample::aws:s3/bucket:Bucket$aws:s3:BucketEventSubscription$aws:iam/role:Role::docsHandler";
  const ATTACHMENT =
    "urn:pulumi:dev::sample::aws:s3/bucket:Bucket$aws:s3:BucketEventSubscription$aws:iam/rolePolicyAttachment:RolePolicyAttachment::docsHandler-4aaabb8e";
  const MISSING = "urn:pulumi:dev::sample::aws:s3/bucket:Bucket::gone";

  /** The export with `change` applied to the resource `urn`, written to a temp file. */
  const exportWith = (urn: string, change: (resource: Record<string, unknown>) => void) => {
    const exported = fixtureJson(EXPORT) as {
      deployment: { resources: Record<string, unknown>[] };
    };
    const resource = exported.deployment.resources.find((r) => r.urn === urn);
    if (resource === undefined) throw new Error(`the export has no ${urn}`);
    change(resource);
    return tempFile("export.json", exported);
  };

  it.each([
    ["parent", BUCKET, (r: Record<string, unknown>) => (r.parent = MISSING)],
    [
      "provider",
      BUCKET,
      (r: Record<string, unknown>) =>
        (r.provider = "urn:pulumi:dev::sample::pulumi:providers:aws::eu::42a75fb0"),
    ],
    ["dependency", ATTACHMENT, (r: Record<string, unknown>) => (r.dependencies = [MISSING])],
  ])("refuses a dangling %s reference", async (what, urn, change) => {
    const file = exportWith(urn, change);
    const target =
      what === "provider" ? "urn:pulumi:dev::sample::pulumi:providers:aws::eu" : MISSING;

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: ${urn} names ${target} as its ${what}, but the file holds no such resource: it is cut or edited. Pass the whole file Pulumi wrote.`,
    );
  });

  it("refuses a dangling dependency of one property", async () => {
    const file = exportWith(ATTACHMENT, (r) => (r.propertyDependencies = { role: [MISSING] }));

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: ${ATTACHMENT} names ${MISSING} as its dependency of property role, but the file holds no such resource: it is cut or edited. Pass the whole file Pulumi wrote.`,
    );
  });

  it("refuses a type its URN contradicts", async () => {
    const file = exportWith(ROLE, (r) => (r.type = "aws:iam/user:User"));

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: is not a complete stack export (at \`deployment.resources[4].type\`: aws:iam/user:User contradicts the URN, which names type aws:iam/role:Role).`,
    );
  });

  it("refuses a step op Pulumi does not define", async () => {
    const preview = fixtureJson(UPDATE_PREVIEW) as { steps: Record<string, unknown>[] };
    const [first] = preview.steps;
    if (first !== undefined) first.op = "modify";
    const file = tempFile("preview.json", preview);

    await expect(readArtifact(file)).rejects.toThrow(
      `${file}: is not a complete preview (at \`steps[0].op\`: expected a Pulumi step op (same, create, update, delete, replace, create-replacement, delete-replaced, read, read-replacement, refresh, discard, discard-replaced, remove-pending-replace, import, import-replacement)).`,
    );
  });

  it("reads a preview's references to default providers, which it has no steps for", async () => {
    expect((await readArtifact(UPDATE_PREVIEW)).resources.length).toBeGreaterThan(0);
  });
});
