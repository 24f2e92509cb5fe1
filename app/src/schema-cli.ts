import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { MIGRATIONS } from "./migrations";
import { checkSchemaParity, SchemaInputError } from "./schema/check";
import { renderJson, renderMarkdown, renderText } from "./schema/render";
import { readSchema, type SchemaSnapshot } from "./schema/snapshot";
import { runOnWriter } from "./writer-cli";

/**
 * Characters per printed snapshot line: a container's log driver splits longer lines (Docker's
 * 16 KiB buffer), and each part must arrive as one CloudWatch Logs event.
 */
export const SNAPSHOT_LINE_CHARS = 8_000;

/** The marker of a snapshot line in a task's log: `schema-snapshot <part>/<parts> <base64…>`. */
export const SNAPSHOT_MARKER = "schema-snapshot";

/**
 * A snapshot as numbered log lines: its JSON, gzipped and base64-encoded (a few lines even for a
 * large schema, so the task's log in the job summary stays short). Joining the parts in order and
 * decoding them (`base64 --decode | gzip --decompress`) gives the JSON back.
 */
export function snapshotLines(snapshot: SchemaSnapshot): string[] {
  const encoded = gzipSync(JSON.stringify(snapshot)).toString("base64");
  const parts = Math.max(1, Math.ceil(encoded.length / SNAPSHOT_LINE_CHARS));
  return Array.from(
    { length: parts },
    (_, i) =>
      `${SNAPSHOT_MARKER} ${i + 1}/${parts} ${encoded.slice(i * SNAPSHOT_LINE_CHARS, (i + 1) * SNAPSHOT_LINE_CHARS)}`,
  );
}

const USAGE = `usage:
  node dist/schema-cli.js snapshot
      prints the writer's schema (the image's environment contract) as numbered snapshot lines
  node dist/schema-cli.js compare [--staging URL|FILE] [--production URL|FILE] [--scratch URL]
                                  [--markdown FILE] [--json FILE]
      compares staging with production and each with the migration history, applied to the
      empty --scratch database; exit 0 all match, 1 drift, 2 bad input`;

/** `compare`: the whole check; returns the exit code. */
export async function compareCommand(args: readonly string[], cwd: string): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        staging: { type: "string" },
        production: { type: "string" },
        scratch: { type: "string" },
        markdown: { type: "string" },
        json: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // Node's first sentence names the option; the rest is about positional arguments.
    const message = (error instanceof Error ? error.message : String(error)).split(/\.\s|\n/)[0];
    process.stderr.write(
      `schema: ${message ?? ""}. Allowed: --staging, --production, --scratch, --markdown, --json. Fix: see node dist/schema-cli.js --help.\n`,
    );
    return 2;
  }
  try {
    const report = await checkSchemaParity({
      cwd,
      staging: values.staging,
      production: values.production,
      scratch: values.scratch,
      migrations: MIGRATIONS,
    });
    if (values.markdown !== undefined) writeFileSync(values.markdown, renderMarkdown(report));
    if (values.json !== undefined) writeFileSync(values.json, renderJson(report));
    process.stdout.write(renderText(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof SchemaInputError)) throw error;
    process.stderr.write(`schema: ${error.message}\n`);
    return 2;
  }
}

/**
 * `node dist/schema-cli.js`: `snapshot` reads the writer's schema where only the stack's tasks
 * reach it (a one-off task, like the migrations); `compare` runs anywhere the databases or their
 * snapshots are.
 */
if (require.main === module) {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "snapshot" && rest.length === 0) {
    runOnWriter(async (pool) => {
      process.stdout.write(`${snapshotLines(await readSchema(pool)).join("\n")}\n`);
    }, []);
  } else if (command === "compare") {
    void compareCommand(rest, process.cwd()).then((code) => {
      process.exitCode = code;
    });
  } else if (command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
  } else {
    process.stderr.write(
      `schema: unknown command ${JSON.stringify([command, ...rest].join(" "))}. Allowed: snapshot, compare, --help. Fix: node dist/schema-cli.js compare --staging URL --production URL --scratch URL.\n`,
    );
    process.exitCode = 2;
  }
}
