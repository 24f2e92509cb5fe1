import path from "node:path";
import { z } from "zod";
import { readDataFile } from "../data-file";

/** The duration table shipped with the checker: seconds per create and delete, per type, dated. */
export const DURATIONS_FILE = path.join(__dirname, "duration-table.json");

const seconds = z.number().int().nonnegative();

const durationTable = z
  .strictObject({
    taken: z.iso.date(),
    basis: z.string().min(1),
    unlisted: z.strictObject({ create: seconds, delete: seconds, why: z.string().min(1) }),
    sources: z.record(z.string(), z.url()),
    types: z.record(
      z.string().min(1),
      z.strictObject({ create: seconds, delete: seconds, source: z.string().min(1) }),
    ),
  })
  .refine((table) => Object.values(table.types).every((entry) => entry.source in table.sources), {
    message: 'every type\'s "source" must name an entry of "sources"',
  });

export type DurationTable = z.infer<typeof durationTable>;

/** Reads and checks a duration table (by default the shipped one). */
export function readDurationTable(file = DURATIONS_FILE): DurationTable {
  return readDataFile(file, durationTable, "a duration table");
}

/** What the engine does to a resource: create it on the way up, delete it on the way down. */
export type Phase = "create" | "delete";

/** What a step of a resource takes, and whether the table knows its type. */
export interface Duration {
  readonly seconds: number;
  /** False when the type is not in the table and the table's `unlisted` estimate was used. */
  readonly listed: boolean;
}

/**
 * Seconds the engine spends on one resource. A component resource is only a name for its
 * children: it takes no time. Any other type the table does not list takes the table's
 * `unlisted` estimate, and says so.
 */
export function durationOf(
  table: DurationTable,
  resource: { readonly type: string; readonly custom: boolean },
  phase: Phase,
): Duration {
  const entry = table.types[resource.type];
  if (entry !== undefined) return { seconds: entry[phase], listed: true };
  if (!resource.custom) return { seconds: 0, listed: true };
  return { seconds: table.unlisted[phase], listed: false };
}
