import * as proto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, parityPolicies } from "../../policy/pack";
import { analyze, analyzerInfo, startPack, type PackProcess } from "./pack-process";

const LEVEL_NAMES: Record<number, string> = {
  [proto.EnforcementLevel.ADVISORY]: "advisory",
  [proto.EnforcementLevel.MANDATORY]: "mandatory",
};
const STACK = "urn:pulumi:prod::parity-stack::";
const PROVIDER_URN = `${STACK}pulumi:providers:aws::aws`;

/** What the engine sends before it creates a resource: its inputs, options and provider. */
function analyzeRequest(type: string, name: string, inputs: Record<string, unknown>) {
  const provider = new proto.AnalyzerProviderResource()
    .setUrn(PROVIDER_URN)
    .setType("pulumi:providers:aws")
    .setName("aws")
    .setProperties(
      Struct.fromJavaScript({
        region: "eu-west-1",
        defaultTags: JSON.stringify({ tags: { project: "parity-stack", environment: "prod" } }),
      }),
    );
  return new proto.AnalyzeRequest()
    .setUrn(`${STACK}${type}::${name}`)
    .setType(type)
    .setName(name)
    .setProperties(Struct.fromJavaScript(inputs as Parameters<typeof Struct.fromJavaScript>[0]))
    .setOptions(new proto.AnalyzerResourceOptions().setProtect(true))
    .setProvider(provider);
}

describe("the policy pack as pulumi preview --policy-pack loads it", () => {
  let pack: PackProcess;
  beforeAll(async () => {
    pack = await startPack("prod");
  }, 120_000);
  afterAll(async () => {
    await pack.stop();
  });

  it("lists every policy with its description and enforcement level", async () => {
    const info = await analyzerInfo(pack.client);
    expect(info.getName()).toBe(PACK_NAME);
    const listed = info.getPoliciesList().map((p) => ({
      name: p.getName(),
      description: p.getDescription(),
      enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()],
    }));
    const declared = parityPolicies(() => {
      throw new Error("listing reads no stack");
    }).map(({ name, description, enforcementLevel }) => ({
      name,
      description,
      enforcementLevel: enforcementLevel ?? PACK_ENFORCEMENT_LEVEL,
    }));
    expect(listed).toEqual(declared);
  });

  // The engine's message is the policy's description, a line break, then the violation.
  it("judges a resource by the tier the stack's config sets: production keeps a week of backups", async () => {
    const request = analyzeRequest("aws:rds/cluster:Cluster", "main-cluster", {
      clusterIdentifier: "parity-stack-prod",
      storageEncrypted: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      backupRetentionPeriod: 3,
    });
    const response = await analyze(pack.client, request);
    expect(
      response
        .getDiagnosticsList()
        .map((d) => [d.getPolicyname(), LEVEL_NAMES[d.getEnforcementlevel()], d.getMessage()]),
    ).toEqual([
      [
        "database-backups",
        "mandatory",
        "Every database keeps automated backups for at least its tier's minimum number of days.\nbackupRetentionPeriod is 3, below the 7 days a production stack keeps. Fix: set backupRetentionPeriod to 7 or more (the stack's backupRetentionDays).",
      ],
    ]);
  });

  it("reads the stack tags from the provider's default tags as the engine sends them", async () => {
    const tagged = analyzeRequest("aws:cloudwatch/logGroup:LogGroup", "app-logs", {
      retentionInDays: 365,
    });
    const response = await analyze(pack.client, tagged);
    expect(response.getDiagnosticsList()).toEqual([]);
  });
});
