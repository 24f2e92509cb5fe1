import { UserError } from "../../components/errors";
import type { RecordedResource } from "./recorder";

/** The config key that turns the engine's default providers off, per package or all (`*`). */
export const DISABLE_DEFAULT_PROVIDERS = "pulumi:disable-default-providers";

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** The packages whose default provider `config` disables (`*`: every package). */
function disabledPackages(config: Readonly<Record<string, string>>): Set<string> {
  const raw = config[DISABLE_DEFAULT_PROVIDERS];
  if (raw === undefined) return new Set();
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
    throw new UserError(
      `${DISABLE_DEFAULT_PROVIDERS}: expected a list of package names or "*" (got ${raw}). Fix: e.g. ${DISABLE_DEFAULT_PROVIDERS}: ["aws"].`,
    );
  }
  return new Set(list);
}

function duplicateUrn(
  stack: string,
  resources: readonly RecordedResource[],
): UserError | undefined {
  const seen = new Set<string>();
  for (const resource of resources) {
    if (seen.has(resource.urn)) {
      return new UserError(
        `stack ${stack}: the program registers ${resource.urn} twice, and \`pulumi up\` refuses a duplicate URN. Fix: give one of the two ${resource.type} resources named "${resource.name}" another name.`,
      );
    }
    seen.add(resource.urn);
  }
  return undefined;
}

function onDisabledDefaultProvider(
  stack: string,
  resources: readonly RecordedResource[],
  config: Readonly<Record<string, string>>,
): UserError | undefined {
  const disabled = disabledPackages(config);
  if (disabled.size === 0) return undefined;
  const resource = resources.find((r) => {
    const pkg = r.type.split(":")[0] ?? "";
    const usesDefault = r.custom && r.provider === undefined;
    return (
      usesDefault &&
      !r.type.startsWith(PROVIDER_TYPE_PREFIX) &&
      (disabled.has("*") || disabled.has(pkg))
    );
  });
  if (resource === undefined) return undefined;
  const pkg = resource.type.split(":")[0] ?? "";
  return new UserError(
    `stack ${stack}: ${resource.type} "${resource.name}" uses the default ${pkg} provider, which ${DISABLE_DEFAULT_PROVIDERS} turns off, so \`pulumi up\` refuses it. Fix: pass it an explicit provider ({ provider } or its parent's providers).`,
  );
}

/**
 * What the Pulumi engine would refuse in a program that ran without an error under mocks: two
 * registrations of one URN (the mocks record both; the engine stops at the second), a custom
 * resource on a default provider that config disables, and an error the program logged
 * (`pulumi.log.error`, after which `pulumi up` fails).
 */
export function engineRefusal(
  stack: string,
  run: {
    readonly resources: readonly RecordedResource[];
    readonly config: Readonly<Record<string, string>>;
    readonly loggedErrors: readonly string[];
  },
): UserError | undefined {
  const [logged] = run.loggedErrors;
  if (logged !== undefined) {
    return new UserError(
      `stack ${stack}: the program logged an error (pulumi.log.error), so \`pulumi up\` would fail: ${logged.split("\n")[0] ?? ""}`,
    );
  }
  return (
    duplicateUrn(stack, run.resources) ??
    onDisabledDefaultProvider(stack, run.resources, run.config)
  );
}
