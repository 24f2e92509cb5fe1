import { readFileSync } from "node:fs";
import path from "node:path";
import { Pool } from "pg";
import { migrate, type Migration } from "../migrations";
import { compareSchemas, type Difference, type Side } from "./compare";
import {
  readSchema,
  recordedVersion,
  snapshotSchema,
  type SchemaObject,
  type SchemaSnapshot,
} from "./snapshot";

/** A mistake in what the check was given: one line naming the option, what is allowed, the fix. */
export class SchemaInputError extends Error {
  override readonly name = "SchemaInputError";
}

/** The live databases the check reads, by their option. */
export const LIVE = [
  { option: "--staging", label: "staging" },
  { option: "--production", label: "production" },
] as const;

export interface SchemaParityOptions {
  /** Relative snapshot files are read from here. */
  readonly cwd: string;
  /** Per live database: a postgres:// URL to read, or a snapshot file another run wrote. */
  readonly staging?: string | undefined;
  readonly production?: string | undefined;
  /** An empty scratch database the migrations are applied to (the schema the history builds). */
  readonly scratch?: string | undefined;
  readonly migrations: readonly Migration[];
}

/** What was read from each side. */
export interface SideSummary {
  readonly label: string;
  readonly server: string;
  /** The version the database records; for the history, the newest migration it holds. */
  readonly version: number;
  readonly objects: number;
}

export interface Comparison {
  readonly left: string;
  readonly right: string;
  readonly differences: readonly Difference[];
}

export interface SchemaParityReport {
  readonly sides: readonly SideSummary[];
  readonly comparisons: readonly Comparison[];
  /** What the check decided not to compare, and why (a release between staging and production). */
  readonly notes: readonly string[];
  /** True when at least one comparison ran and none found a difference. */
  readonly ok: boolean;
}

/** `url` with its password replaced by `***`, so no report or error ever prints one. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.href;
  } catch {
    return url.replace(/\/\/([^/@:]*):[^@/]*@/, "//$1:***@");
  }
}

const URL_SCHEMES = ["postgres:", "postgresql:"];
const looksLikeUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

/** A connection URL the check accepts, or a one-line refusal naming `option`. */
export function parseDatabaseUrl(option: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SchemaInputError(
      `${option} ${redactUrl(value)}: not a URL. Allowed: postgres://user@host:port/database (or postgresql://). Fix: pass the database's connection URL.`,
    );
  }
  if (!URL_SCHEMES.includes(url.protocol)) {
    throw new SchemaInputError(
      `${option} ${redactUrl(value)}: the scheme ${url.protocol} is not PostgreSQL's. Allowed: postgres:// or postgresql://. Fix: pass the database's connection URL.`,
    );
  }
  if (url.hostname === "" || url.pathname.replace(/^\//, "") === "") {
    throw new SchemaInputError(
      `${option} ${redactUrl(value)}: names no ${url.hostname === "" ? "host" : "database"}. Allowed: postgres://user@host:port/database. Fix: add the ${url.hostname === "" ? "host" : "database name after the last /"}.`,
    );
  }
  return value;
}

/** Errors that mean the database could not be reached or refused us: a bad input, not a bug. */
function isConnectionError(error: unknown): error is Error & { code?: string } {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return /connect|timeout|terminated/i.test(error.message);
  return /^(08|28|3D)/.test(code) || /^E[A-Z_]+$/.test(code);
}

async function withPool<T>(
  option: string,
  url: string,
  work: (pool: Pool) => Promise<T>,
): Promise<T> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 15_000 });
  pool.on("error", () => undefined);
  try {
    return await work(pool);
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    throw new SchemaInputError(
      `${option} ${redactUrl(url)}: cannot connect (${error.message.replaceAll(url, redactUrl(url))}). Allowed: a PostgreSQL database this machine reaches with the URL's user. Fix: check the host, port, database name and credentials.`,
    );
  } finally {
    await pool.end();
  }
}

function readSnapshotFile(option: string, cwd: string, file: string): SchemaSnapshot {
  let raw: string;
  try {
    raw = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new SchemaInputError(
      `${option} ${file}: cannot be read (${code}). Allowed: a postgres:// URL or a schema snapshot file (node dist/schema-cli.js snapshot). Fix: pass an existing file or the database's URL.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) {
    throw new SchemaInputError(
      `${option} ${file}: is not a complete schema snapshot (${value === undefined ? "not JSON" : (parsed.error.issues[0]?.message ?? "invalid")}). Allowed: the JSON node dist/schema-cli.js snapshot prints. Fix: read the database again; a snapshot cut short is never compared.`,
    );
  }
  return parsed.data;
}

async function readSide(option: string, cwd: string, source: string): Promise<SchemaSnapshot> {
  if (looksLikeUrl(source)) {
    const url = parseDatabaseUrl(option, source);
    return withPool(option, url, readSchema);
  }
  return readSnapshotFile(option, cwd, source);
}

/** Objects a fresh database has before anything is created in it. */
const isPristine = (o: SchemaObject): boolean =>
  (o.kind === "schema" && o.name === "public") || (o.kind === "extension" && o.name === "plpgsql");

/**
 * The schema the migration history builds at each of `versions`: the migrations applied in order
 * to the empty scratch database, read after each target version is reached.
 */
async function historySnapshots(
  url: string,
  migrations: readonly Migration[],
  versions: readonly number[],
): Promise<Map<number, SchemaSnapshot>> {
  return withPool("--scratch", url, async (pool) => {
    const before = await readSchema(pool);
    const existing = before.objects.filter((o) => !isPristine(o));
    if (existing.length > 0 || before.migrations !== null) {
      const first = existing[0];
      throw new SchemaInputError(
        `--scratch ${redactUrl(url)}: the database is not empty (${existing.length} objects${first === undefined ? "" : `, e.g. ${first.kind} ${first.name}`}), and the migrations are applied to it. Allowed: an empty scratch database. Fix: create one (CREATE DATABASE schema_scratch) and pass its URL.`,
      );
    }
    const built = new Map<number, SchemaSnapshot>();
    for (const version of [...new Set(versions)].sort((a, b) => a - b)) {
      await migrate(pool, migrations, version);
      built.set(version, await readSchema(pool));
    }
    return built;
  });
}

/**
 * Reads the live schemas given and the schema the migration history builds, and compares staging
 * with production and each with the history at the version it records. Throws
 * {@link SchemaInputError} for a bad option, an unreachable database or nothing to compare.
 */
export async function checkSchemaParity(options: SchemaParityOptions): Promise<SchemaParityReport> {
  const given = LIVE.flatMap(({ option, label }) => {
    const source = options[label];
    return source === undefined || source === "" ? [] : [{ option, label, source }];
  });
  const scratch =
    options.scratch === undefined || options.scratch === "" ? undefined : options.scratch;
  if (given.length + (scratch === undefined ? 0 : 1) < 2 || given.length === 0) {
    throw new SchemaInputError(
      `nothing to compare: got ${given.length === 0 ? "no live database" : `only ${given.map((g) => g.option).join(" and ")}`}${scratch === undefined ? "" : " and --scratch"}. Allowed: --staging and --production (each a postgres:// URL or a snapshot file), --scratch URL for the migration history; at least two of the three, one of them live. Fix: add the missing option.`,
    );
  }
  // Every URL is checked before any database is read.
  for (const { option, source } of given)
    if (looksLikeUrl(source)) parseDatabaseUrl(option, source);
  if (scratch !== undefined) parseDatabaseUrl("--scratch", scratch);

  const live: Side[] = [];
  for (const { option, label, source } of given) {
    live.push({ label, history: false, snapshot: await readSide(option, options.cwd, source) });
  }
  const newest = Math.max(0, ...options.migrations.map((m) => m.version));
  const sides: SideSummary[] = live.map((side) => ({
    label: side.label,
    server: side.snapshot.server.version,
    version: recordedVersion(side.snapshot),
    objects: side.snapshot.objects.length,
  }));
  const comparisons: Comparison[] = [];
  const notes: string[] = [];
  const [first, second] = live;
  if (first !== undefined && second !== undefined) {
    const ahead = recordedVersion(first.snapshot) - recordedVersion(second.snapshot);
    if (ahead > 0 && scratch !== undefined) {
      // Staging is migrated first and production only after the approval: between the two, each
      // is held to the history at its own version instead of to the other.
      notes.push(
        `${first.label} records migration ${recordedVersion(first.snapshot)}, ${second.label} ${recordedVersion(second.snapshot)}: a release is between them, so each is compared with the migration history at its own version, not with the other.`,
      );
    } else {
      comparisons.push({
        left: first.label,
        right: second.label,
        differences: compareSchemas(first, second),
      });
    }
  }
  if (scratch !== undefined) {
    const target = (side: Side): number => Math.min(recordedVersion(side.snapshot), newest);
    const built = await historySnapshots(scratch, options.migrations, live.map(target));
    for (const side of live) {
      const snapshot = built.get(target(side));
      if (snapshot === undefined) continue;
      if (snapshot.server.major !== side.snapshot.server.major) {
        throw new SchemaInputError(
          `--scratch ${redactUrl(scratch)}: runs PostgreSQL ${snapshot.server.major}, ${side.label} ${side.snapshot.server.major}; the catalogs print definitions differently across major versions. Allowed: a scratch server of ${side.label}'s major version. Fix: start PostgreSQL ${side.snapshot.server.major} for the scratch database.`,
        );
      }
      const history: Side = { label: "the migration history", history: true, snapshot };
      comparisons.push({
        left: side.label,
        right: history.label,
        differences: compareSchemas(side, history),
      });
    }
    const last = built.get(Math.max(...built.keys()));
    sides.push({
      label: "the migration history",
      server: last?.server.version ?? "",
      version: newest,
      objects: last?.objects.length ?? 0,
    });
  }
  return {
    sides,
    comparisons,
    notes,
    ok: comparisons.length > 0 && comparisons.every((c) => c.differences.length === 0),
  };
}
