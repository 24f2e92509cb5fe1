import { evaluateStack } from "../../parity/offline/evaluate";
import type { RecordedResource } from "../../parity/offline/recorder";
import { KEY_NAMES, declarationOf, type KeyName } from "../../stacks/keys";
import { PROJECT_DIR } from "../helpers/temp-project";

type Config = Record<string, string | undefined>;

const full = (key: string) => (key.includes(":") ? key : `parity-stack:${key}`);
const config = (entries: Record<string, string | undefined>): Config =>
  Object.fromEntries(Object.entries(entries).map(([k, v]) => [full(k), v]));

/** Aurora Serverless v2, where the capacity range applies instead of an instance class. */
const SERVERLESS = config({ dbMode: "serverless", dbInstanceClass: undefined });

/**
 * For each key: another valid value; the config both runs share where that value needs a
 * companion (a CPU size needs a memory size that fits it); the key it replaces, if any. Staging is
 * the base, pr-1 for keys only a pull-request stack uses.
 */
const VARIANTS: Record<
  KeyName,
  { value: string; with?: Config; instead?: KeyName; stack?: string }
> = {
  vpcCidr: { value: "10.41.0.0/16" },
  azCount: { value: "2" },
  dbEngineVersion: { value: "17.5" },
  dbMode: { value: "serverless", instead: "dbInstanceClass" },
  dbReplicas: { value: "1" },
  dbName: { value: "shop" },
  dbPort: { value: "6432" },
  dbLogMinDurationMs: { value: "500" },
  dbIamAuth: { value: "false" },
  containerPort: { value: "3000" },
  healthCheckPath: { value: "/ready" },
  tlsMode: { value: "strict" },
  minTlsVersion: { value: "1.3" },
  assetPathPrefix: { value: "/static/" },
  assetCacheTtlSeconds: { value: "86400" },
  dbInstanceClass: { value: "db.r7g.xlarge" },
  dbServerlessMinAcu: { value: "1", with: SERVERLESS },
  dbServerlessMaxAcu: { value: "8", with: SERVERLESS },
  taskCpu: { value: "512", with: config({ taskMemory: "1024" }) },
  taskMemory: { value: "1024" },
  minTasks: { value: "2" },
  maxTasks: { value: "4" },
  logRetentionDays: { value: "30" },
  "aws:region": { value: "eu-central-1" },
  "aws:profile": { value: "staging-admin" },
  "aws:skipCredentialsValidation": { value: "true" },
  "cloudflare:apiToken": { value: "a-token" },
  tier: { value: "preview" },
  hostname: { value: "www.parity-stack.dev" },
  cloudflareZone: { value: "staging.parity-stack.dev" },
  cloudflareZoneId: { value: "0123456789abcdef0123456789abcdef" },
  ownsZoneSettings: { value: "false" },
  protect: { value: "true" },
  deletionProtection: { value: "true" },
  backupRetentionDays: { value: "7" },
  imageBuildContext: { value: "./app" },
  imageRef: {
    value: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${"a".repeat(64)}`,
    instead: "imageBuildContext",
    with: config({ imageRepositoryUrl: undefined }),
  },
  dbSnapshotIdentifier: { value: "staging-before-migration" },
  // Staging restores from the masked snapshot; a clone is the other way to start.
  dbCloneSourceClusterId: { value: "parity-stack-prod", instead: "dbSnapshotIdentifier" },
  expiresAt: { value: "2031-01-01T00:00:00Z", stack: "pr-1" },
  imagePullAccountIds: { value: "210987654321", with: config({ imageRepositoryUrl: undefined }) },
  imageRepositoryUrl: { value: "210987654321.dkr.ecr.eu-west-1.amazonaws.com/images" },
  rolePermissionsBoundary: { value: "arn:aws:iam::123456789012:policy/another-boundary" },
};

/** Every resource's type, name and inputs: what the program made of its config. */
function shape(resources: readonly RecordedResource[]): string {
  return JSON.stringify(resources.map((r) => [r.type, r.name, r.inputs, r.protect]));
}

const evaluated = new Map<string, Promise<string>>();

/** What `stack` registers with `extra` config, evaluated once per distinct config. */
function evaluate(stack: string, extra: Config): Promise<string> {
  const key = JSON.stringify([stack, extra]);
  let result = evaluated.get(key);
  if (result === undefined) {
    result = evaluateStack({ projectDir: PROJECT_DIR, stack, config: extra }).then((run) =>
      shape(run.resources),
    );
    evaluated.set(key, result);
  }
  return result;
}

/**
 * Keys no resource input carries: `tlsMode` has one allowed value, so it cannot change;
 * and `cloudflareZone` only checks that the zone's certificate covers the hostname.
 */
const NOT_IN_INPUTS: readonly KeyName[] = ["tlsMode", "cloudflareZone"];

describe("every declared config key reaches the program", () => {
  it("has another valid value to try, unless only one value is allowed", () => {
    expect(Object.keys(VARIANTS).sort()).toEqual([...KEY_NAMES].sort());
    expect(declarationOf("tlsMode").allowed).toBe('one of "strict"');
  });

  it("reads cloudflareZone to check that it holds the hostname", async () => {
    await expect(evaluate("staging", config({ cloudflareZone: "example.com" }))).rejects.toThrow(
      "hostname",
    );
  });

  it.each(KEY_NAMES.filter((key) => !NOT_IN_INPUTS.includes(key)))(
    "%s changes what the program registers",
    async (key) => {
      const variant = VARIANTS[key];
      const stack = variant.stack ?? "staging";
      const shared = variant.with ?? {};

      const before = await evaluate(stack, shared);
      const replaced = variant.instead === undefined ? {} : { [full(variant.instead)]: undefined };
      const after = await evaluate(stack, { ...shared, ...replaced, [full(key)]: variant.value });

      expect(after).not.toBe(before);
    },
  );
});
