import path from "node:path";
import { z } from "zod";
import { UserError } from "../components/errors";

/** The bootstrap's Pulumi project name: its config keys are `parity-bootstrap:<key>`. */
export const BOOTSTRAP_PROJECT = "parity-bootstrap";

const NAME = /^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$/;
const GITHUB_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** JSON lists as Pulumi hands structured config to a program. */
function list<T extends z.ZodType>(item: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not a list" });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));
}

interface Key<T extends z.ZodType = z.ZodType> {
  readonly schema: T;
  /** What is allowed, to follow "must be". */
  readonly allowed: string;
  readonly description: string;
  readonly secret?: boolean;
}

function key<T extends z.ZodType>(schema: T, allowed: string, description: string, secret?: true) {
  return { schema, allowed, description, secret } satisfies Key<T>;
}

const token = (tier: string) =>
  key(
    z.string().min(1).optional(),
    "a Cloudflare API token, set with --secret",
    `Cloudflare API token of the ${tier} stacks, stored as the CLOUDFLARE_API_TOKEN secret of ${tier}'s GitHub environments. Unset: not managed here.`,
    true,
  );

/**
 * Every config key of the bootstrap, each with its rule and purpose: the one declaration the
 * loader checks the stack file against. Keys of other namespaces (`aws:`, `github:`) configure
 * the providers.
 */
export const BOOTSTRAP_KEYS = {
  "aws:region": key(
    z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/),
    'an AWS region such as "eu-west-1"',
    "Region of the state buckets, keys and the image registry: the main stacks' region.",
  ),
  githubOwner: key(
    z.string().regex(GITHUB_NAME),
    "a GitHub organisation or user name",
    "Owner of the repository whose workflows deploy.",
  ),
  githubRepository: key(
    z.string().regex(GITHUB_NAME),
    "a GitHub repository name",
    "Repository whose workflows deploy (its environments, secrets and branch protection).",
  ),
  namePrefix: key(
    z.string().regex(NAME),
    "3 to 42 lower-case letters, digits and hyphens",
    "Prefix of every name the bootstrap gives (state bucket names are global: make it yours).",
  ),
  mainProject: key(
    z.string().regex(NAME),
    "the main Pulumi project's name",
    "The main program's project (Pulumi.yaml's name): the shared image repository is named after it.",
  ),
  productionReviewerTeamIds: key(
    list(z.number().int().positive()).pipe(z.array(z.number()).min(1).max(6)),
    "a list of 1 to 6 GitHub team ids",
    "Teams that approve every production job (GitHub: Settings → Environments → Required reviewers).",
  ),
  requiredStatusChecks: key(
    list(z.string().min(1)).pipe(z.array(z.string()).min(1)),
    "a list of status check names",
    "Checks a pull request must pass before it merges into main: the ci workflow's job.",
  ),
  imagePullAccountIds: key(
    list(z.string().regex(/^\d{12}$/)).optional(),
    "a list of 12-digit AWS account ids",
    "Other AWS accounts that may pull from the shared image registry (production's, when it is another account).",
  ),
  previewCloudflareApiToken: token("preview"),
  stagingCloudflareApiToken: token("staging"),
  productionCloudflareApiToken: token("production"),
} as const;

type Keys = typeof BOOTSTRAP_KEYS;
/** The bootstrap's config, parsed and checked. */
export type BootstrapConfig = { readonly [K in keyof Keys]: z.output<Keys[K]["schema"]> };

const ENGINE_NAMESPACES = ["pulumi", "aws", "github"];

function fullKey(name: string): string {
  return name.includes(":") ? name : `${BOOTSTRAP_PROJECT}:${name}`;
}

function problem(file: string, name: string, what: string, allowed: string, fix: string) {
  return new UserError(
    `${path.basename(file)}: ${fullKey(name)}: ${what}. Allowed: ${allowed}. Fix: ${fix}.`,
  );
}

/**
 * The bootstrap's config from what the engine hands the program, refusing before anything is
 * registered an unknown key, a missing one, a value outside its rule and a secret in plaintext,
 * each named with the stack file and the fix.
 */
export function loadBootstrapConfig(options: {
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  /** Keys the engine marked secret. */
  readonly secretKeys: readonly string[];
}): BootstrapConfig {
  const file = `Pulumi.${options.stack}.yaml`;
  const names = Object.keys(BOOTSTRAP_KEYS) as (keyof Keys)[];
  for (const configKey of Object.keys(options.config)) {
    const [namespace = ""] = configKey.split(":");
    const known = names.some((name) => fullKey(name) === configKey);
    if (!known && !ENGINE_NAMESPACES.includes(namespace)) {
      throw problem(
        file,
        configKey,
        "is not a config key of the bootstrap",
        "the keys declared in bootstrap/config.ts",
        "correct or remove it",
      );
    }
  }
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const declared: Key = BOOTSTRAP_KEYS[name];
    const raw = options.config[fullKey(name)];
    const set = `pulumi config set ${declared.secret === true ? "--secret " : ""}${fullKey(name)} <value> -s ${options.stack}`;
    if (
      raw !== undefined &&
      declared.secret === true &&
      !options.secretKeys.includes(fullKey(name))
    ) {
      throw problem(
        file,
        name,
        "is a secret but is written in plaintext",
        "an encrypted value",
        `remove the line and run: ${set}`,
      );
    }
    const parsed = declared.schema.safeParse(raw);
    if (!parsed.success) {
      const shown = declared.secret === true ? "[secret]" : JSON.stringify(raw);
      const what = raw === undefined ? "is required and not set" : `is out of range: got ${shown}`;
      throw problem(file, name, what, declared.allowed, `run: ${set}`);
    }
    values[name] = parsed.data;
  }
  return values as BootstrapConfig;
}
