import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CHECKPOINT,
  CREATES_PREVIEW,
  EKS_CREATE,
  EKS_UP,
  EXPORT,
  REFRESH_LOG,
  UPDATE_PREVIEW,
} from "../artifacts";
import { seededRandom } from "../../helpers/seeded-random";
import { runCli } from "./run-cli";

/**
 * Feeds `parity diff` and `parity drift` malformed artifacts made by mutating the real fixtures
 * (truncation, deleted required fields, swapped types, duplicate URNs, deep nesting, huge
 * arrays, byte order marks and UTF-16, random bytes) and requires each to be refused with one
 * line on stderr and exit 2. The seed is fixed, so every run tries the same files.
 */
const SEED = 20_261_122;
const VARIANTS = 2;
const dir = mkdtempSync(path.join(os.tmpdir(), "parity-fuzz-"));

const { random, below, pick } = seededRandom(SEED);

type Json = Record<string, unknown>;
type Kind = "document" | "log";

/** What a mutation makes: the bytes of a file, or a JSON value to write. */
type Mutant = Buffer | string | Json;
type Mutation = (text: string, kind: Kind) => Mutant;

const records = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((v): v is Json => typeof v === "object" && v !== null) : [];

/** The objects in a document that must have their required fields, with their names. */
function requiredHolders(doc: Json): [Json, string[]][] {
  const deployment = (doc.deployment ?? (doc.checkpoint as Json | undefined)?.latest) as
    Json | undefined;
  if (deployment !== undefined) {
    return [
      [deployment, ["manifest"]],
      ...records(deployment.resources).map((r): [Json, string[]] => [r, ["urn", "type"]]),
    ];
  }
  return [[doc, ["steps"]], ...records(doc.steps).map((s): [Json, string[]] => [s, ["op", "urn"]])];
}

/** The step metadata or the summary of an event line, with the fields they must have. */
function requiredInEvent(event: Json): [Json, string[]] {
  const step = (event.resourcePreEvent ?? event.resOutputsEvent) as Json | undefined;
  if (step !== undefined) return [step.metadata as Json, ["op", "urn"]];
  return [event, ["sequence", "timestamp"]];
}

/**
 * Applies `change` to a required field of a document, or of one random line of an event log (one
 * that carries a step when `steps` is set; never the last line, which follows the summary).
 */
function mutateJson(
  text: string,
  kind: Kind,
  change: (holder: Json, field: string) => void,
  steps = false,
): Mutant {
  if (kind === "document") {
    const doc = JSON.parse(text) as Json;
    const [holder, fields] = pick(requiredHolders(doc));
    change(holder, pick(fields));
    return doc;
  }
  const lines = text.trimEnd().split("\n");
  const candidates = lines
    .slice(0, -1)
    .flatMap((line, i) => (!steps || line.includes('"metadata"') ? [i] : []));
  const index = pick(candidates);
  const event = JSON.parse(lines[index] ?? "") as Json;
  const [holder, fields] = requiredInEvent(event);
  change(holder, pick(fields));
  lines[index] = JSON.stringify(event);
  return lines.join("\n");
}

const WRONG_TYPES: readonly unknown[] = [42, "text", true, [], {}];
/** Stands for a value nested 10,000 deep, which `JSON.stringify` cannot write itself. */
const DEEP_MARK = "(nested 10,000 deep)";
const DEEP = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;

const MUTATIONS: Record<string, Mutation> = {
  truncated: (text, kind) => {
    // An event log is cut before the end of its summary line; a document anywhere before its end.
    const end = kind === "log" ? text.indexOf('"summaryEvent"') : text.trimEnd().length - 1;
    return text.slice(0, 1 + below(end - 1));
  },
  "cut at a line break": (text) => {
    // What a killed run leaves: whole lines, up to some point before the last (or the summary).
    const lines = text.trimEnd().split("\n");
    const summary = lines.findIndex((line) => line.includes('"summaryEvent"'));
    const keep = 1 + below((summary === -1 ? lines.length : summary) - 1);
    return `${lines.slice(0, keep).join("\n")}\n`;
  },
  "without a required field": (text, kind) =>
    mutateJson(text, kind, (holder, field) => {
      Reflect.deleteProperty(holder, field);
    }),
  "with a required field of the wrong type": (text, kind) =>
    mutateJson(text, kind, (holder, field) => {
      holder[field] = pick([...WRONG_TYPES.filter((t) => typeof t !== typeof holder[field]), null]);
    }),
  "with a duplicate or invalid URN": (text, kind) => {
    if (kind === "log") {
      // Event logs repeat a resource's URN by design; an invalid URN is the log's own mistake.
      return mutateJson(
        text,
        kind,
        (holder) => {
          holder.urn = "not-a-urn";
        },
        true,
      );
    }
    const doc = JSON.parse(text) as Json;
    const [[holder]] = requiredHolders(doc) as [[Json, string[]]];
    const list = (holder.resources ?? doc.steps) as Json[];
    const live = list.filter((item) => item.delete !== true && item.op !== "refresh");
    list.push({ ...pick(live) });
    return doc;
  },
  "nested 10,000 deep": (text, kind) =>
    mutateJson(text, kind, (holder, field) => {
      holder[field] = DEEP_MARK;
    }),
  "with a 200,000-element array for a required field": (text, kind) =>
    mutateJson(text, kind, (holder, field) => {
      holder[field] = Array.from({ length: 200_000 }, (_, i) => i);
    }),
  "in UTF-16": (text) => Buffer.from(`${random() < 0.5 ? "\ufeff" : ""}${text}`, "utf16le"),
  "with a UTF-8 byte order mark": (text) => `\ufeff${text}`,
  "with random bytes": (text) => {
    const bytes = Buffer.from(text);
    const at = below(bytes.length);
    const noise = Buffer.from(Array.from({ length: 1 + below(64) }, () => below(256)));
    // 0xff never occurs in UTF-8, so the file cannot stay valid by chance.
    noise[below(noise.length)] = 0xff;
    return Buffer.concat([bytes.subarray(0, at), noise, bytes.subarray(at + noise.length)]);
  },
};

const FIXTURES: readonly [string, Kind][] = [
  [EXPORT, "document"],
  [CHECKPOINT, "document"],
  [UPDATE_PREVIEW, "document"],
  [CREATES_PREVIEW, "document"],
  [REFRESH_LOG, "log"],
  [EKS_UP, "log"],
  [EKS_CREATE, "log"],
];

const cases = FIXTURES.flatMap(([fixture, kind]) => {
  const text = readFileSync(fixture, "utf8");
  return Object.entries(MUTATIONS).flatMap(([what, mutate]) =>
    Array.from({ length: VARIANTS }, (_, variant) => {
      const mutant = mutate(text, kind);
      const name = `${path.basename(fixture)}.${what.replace(/\W+/g, "-")}.${variant}`;
      const file = path.join(dir, name);
      const content = Buffer.isBuffer(mutant)
        ? mutant
        : (typeof mutant === "string" ? mutant : JSON.stringify(mutant)).replace(
            JSON.stringify(DEEP_MARK),
            DEEP,
          );
      writeFileSync(file, content);
      return [`${path.basename(fixture)} ${what} (${variant + 1})`, file] as const;
    }),
  );
});

describe.each([
  ["diff", (file: string) => ["diff", file, EXPORT]],
  ["drift", (file: string) => ["drift", file]],
])("parity %s on a mutated fixture", (_command, argsFor) => {
  it.each(cases)("refuses %s with one line naming the file and exit 2", async (_what, file) => {
    const result = await runCli(...argsFor(file));

    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^parity: [^\n]+\n$/);
    expect(result.stderr).toContain(file);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
