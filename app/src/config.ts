/**
 * The environment contract between the container service and the app. The ECS task definition
 * passes exactly these variables; nothing else is read.
 *
 * | variable | required | meaning |
 * |---|---|---|
 * | `WRITER_URL` | one of the two forms | `postgres://user:password@host:port/name` of the writer |
 * | `READER_URL` | no | the same for the reader endpoint; defaults to the writer |
 * | `DB_WRITER_HOST`, `DB_READER_HOST`, `DB_PORT`, `DB_NAME`, `DB_USER`, `DB_PASSWORD` | the other form | the same as parts (`DB_READER_HOST` defaults to the writer host) |
 * | `DB_SECRET_ARN` | no | Secrets Manager secret whose JSON `password` the app fetches when it connects and again when the database refuses it (RDS rotates managed passwords); instead of a password in `DB_PASSWORD` or the URLs |
 * | `RELEASE_ID` | yes | the release this image was built from (served by `/release`) |
 * | `PORT` | no (8080) | the TCP port to listen on |
 * | `ASSET_PATH_PREFIX` | no (`/assets/`) | URL prefix of the content-hashed assets, which the CDN caches as immutable |
 * | `READ_STRATEGY` | no (`read-your-writes`) | `read-your-writes`, or `naive` (always the reader; for tests only) |
 * | `READ_YOUR_WRITES_WAIT_MS` | no (250) | how long a read waits for the replica to replay a session's write before it goes to the writer |
 * | `UPSTREAM_IDLE_TIMEOUT_SECONDS` | no (60) | idle timeout of the load balancer in front; the server keeps idle connections open longer, so the balancer always closes first |
 * | `ASSET_STORE_BUCKET` | no | S3 bucket holding every release's assets (skew protection): published at start, read for an asset this build lacks |
 * | `ASSET_STORE_REGION` | with `ASSET_STORE_BUCKET` | region of that bucket |
 * | `DB_SSL` | no (`verify-full`) | `verify-full`: TLS with the server certificate verified against Node's CAs (for RDS add its CA bundle with `NODE_EXTRA_CA_CERTS`); `disable`: plain TCP, for a database on loopback only |
 */
export interface AppConfig {
  readonly writer: DatabaseTarget;
  readonly reader: DatabaseTarget;
  readonly releaseId: string;
  readonly port: number;
  readonly readStrategy: ReadStrategyName;
  readonly readYourWritesWaitMs: number;
  readonly databaseTls: DatabaseTls;
  /** Seconds the load balancer in front keeps an idle connection (`UPSTREAM_IDLE_TIMEOUT_SECONDS`). */
  readonly upstreamIdleTimeoutSeconds: number;
  /** URL prefix the content-hashed assets are served under (`ASSET_PATH_PREFIX`). */
  readonly assetPathPrefix: string;
  /** The secret holding the current password, when the password is not given directly. */
  readonly databaseSecret?: DatabaseSecret;
  /** The bucket every release's assets are kept in, when there is one. */
  readonly assetStore?: { readonly bucket: string; readonly region: string };
}

/** A Secrets Manager secret and the region of its API, taken from its ARN. */
export interface DatabaseSecret {
  readonly arn: string;
  readonly region: string;
}

/** Where one connection pool connects to. */
export interface DatabaseTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** The password when given directly; empty when it comes from {@link AppConfig.databaseSecret}. */
  readonly password: string;
}

/** The read strategies the app implements. */
export const READ_STRATEGIES = ["read-your-writes", "naive"] as const;
export type ReadStrategyName = (typeof READ_STRATEGIES)[number];

/** How the pools talk to PostgreSQL. */
export const DATABASE_TLS_MODES = ["verify-full", "disable"] as const;
export type DatabaseTls = (typeof DATABASE_TLS_MODES)[number];

/** A mistake in the environment the app was started with; the message says what to fix. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>`. */
const SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:([a-z]{2}(?:-[a-z]+)+-\d):\d{12}:secret:[\w/+=.@!-]+$/;

const DEFAULT_PORT = 8080;
const DEFAULT_ASSET_PATH_PREFIX = "/assets/";
/**
 * A URL path that starts and ends with `/`: the rule of the stack's `assetPathPrefix`
 * (components/cloudflare/edge-rules.ts; the image is built from app/ alone, so a test keeps the
 * two the same).
 */
export const ASSET_PATH_PREFIX = /^\/([a-z0-9_-]+\/)+$/;
const DEFAULT_DB_PORT = 5432;
const DEFAULT_WAIT_MS = 250;
/** An Application Load Balancer's default idle timeout, and the most it accepts. */
const DEFAULT_UPSTREAM_IDLE_SECONDS = 60;
const MAX_UPSTREAM_IDLE_SECONDS = 4000;
/** Longer than this and a read is slower than simply asking the writer. */
const MAX_WAIT_MS = 10_000;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the environment contract; throws {@link ConfigError} naming the variable. */
export function loadConfig(env: Env): AppConfig {
  const releaseId = required(env, "RELEASE_ID");
  const writer =
    env.WRITER_URL === undefined ? fromParts(env, "DB_WRITER_HOST") : fromUrl(env, "WRITER_URL");
  let reader = writer;
  if (env.READER_URL !== undefined) {
    reader = fromUrl(env, "READER_URL");
  } else if (env.WRITER_URL === undefined && env.DB_READER_HOST !== undefined) {
    reader = fromParts(env, "DB_READER_HOST");
  }
  const strategy = env.READ_STRATEGY ?? "read-your-writes";
  if (!isStrategy(strategy)) {
    throw new ConfigError(
      `READ_STRATEGY must be one of ${READ_STRATEGIES.join(", ")} (got "${strategy}"). Unset it for read-your-writes.`,
    );
  }
  const databaseTls = env.DB_SSL ?? "verify-full";
  if (!isTlsMode(databaseTls)) {
    throw new ConfigError(
      `DB_SSL must be one of ${DATABASE_TLS_MODES.join(", ")} (got "${databaseTls}"). Unset it to verify the server certificate.`,
    );
  }
  const assetPathPrefix = env.ASSET_PATH_PREFIX ?? DEFAULT_ASSET_PATH_PREFIX;
  if (!ASSET_PATH_PREFIX.test(assetPathPrefix)) {
    throw new ConfigError(
      `ASSET_PATH_PREFIX must be a URL path that starts and ends with / (got "${assetPathPrefix}"). Unset it for ${DEFAULT_ASSET_PATH_PREFIX}.`,
    );
  }
  const databaseSecret = secretFrom(env, writer, reader);
  const assetStore = assetStoreFrom(env);
  return {
    writer,
    reader,
    releaseId,
    port: integer(env, "PORT", DEFAULT_PORT, 0, 65_535),
    readStrategy: strategy,
    readYourWritesWaitMs: integer(env, "READ_YOUR_WRITES_WAIT_MS", DEFAULT_WAIT_MS, 0, MAX_WAIT_MS),
    databaseTls,
    assetPathPrefix,
    upstreamIdleTimeoutSeconds: integer(
      env,
      "UPSTREAM_IDLE_TIMEOUT_SECONDS",
      DEFAULT_UPSTREAM_IDLE_SECONDS,
      1,
      MAX_UPSTREAM_IDLE_SECONDS,
    ),
    ...(databaseSecret === undefined ? {} : { databaseSecret }),
    ...(assetStore === undefined ? {} : { assetStore }),
  };
}

/** `ASSET_STORE_BUCKET` and its `ASSET_STORE_REGION`, both or neither. */
function assetStoreFrom(env: Env): AppConfig["assetStore"] {
  const bucket = env.ASSET_STORE_BUCKET;
  if (bucket === undefined || bucket === "") return undefined;
  const region = env.ASSET_STORE_REGION ?? "";
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new ConfigError(
      `ASSET_STORE_REGION must be the AWS region of ASSET_STORE_BUCKET, such as eu-west-1 (got "${region}").`,
    );
  }
  return { bucket, region };
}

function secretFrom(
  env: Env,
  writer: DatabaseTarget,
  reader: DatabaseTarget,
): DatabaseSecret | undefined {
  const arn = env.DB_SECRET_ARN;
  if (arn === undefined || arn === "") return undefined;
  const region = SECRET_ARN.exec(arn)?.[1];
  if (region === undefined) {
    throw new ConfigError(
      `DB_SECRET_ARN must be a Secrets Manager secret ARN, arn:aws:secretsmanager:<region>:<account>:secret:<name> (got "${arn}").`,
    );
  }
  if (writer.password !== "" || reader.password !== "") {
    throw new ConfigError(
      "DB_SECRET_ARN is set and so is a password (DB_PASSWORD or one in WRITER_URL/READER_URL). Give the password one way: remove it and keep DB_SECRET_ARN, which survives rotation.",
    );
  }
  return { arn, region };
}

function isStrategy(value: string): value is ReadStrategyName {
  return (READ_STRATEGIES as readonly string[]).includes(value);
}

function isTlsMode(value: string): value is DatabaseTls {
  return (DATABASE_TLS_MODES as readonly string[]).includes(value);
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new ConfigError(
      `${name} must be set (it is empty or missing). See the environment contract in app/src/config.ts.`,
    );
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

function fromParts(env: Env, hostVariable: string): DatabaseTarget {
  return {
    host: required(env, hostVariable),
    port: integer(env, "DB_PORT", DEFAULT_DB_PORT, 1, 65_535),
    database: required(env, "DB_NAME"),
    user: required(env, "DB_USER"),
    password: env.DB_PASSWORD ?? "",
  };
}

function fromUrl(env: Env, name: string): DatabaseTarget {
  const raw = required(env, name);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a postgres:// URL (it does not parse as a URL).`);
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(`${name} must be a postgres:// URL (got scheme "${url.protocol}").`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (url.hostname === "" || database === "" || url.username === "") {
    throw new ConfigError(
      `${name} must name a host, a user and a database: postgres://user:password@host:5432/name.`,
    );
  }
  return {
    host: url.hostname,
    port: url.port === "" ? DEFAULT_DB_PORT : Number(url.port),
    database,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}
