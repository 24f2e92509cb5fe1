import type { AppliedMigration, Property, SchemaObject, SchemaSnapshot } from "./snapshot";

/** One side of a comparison: a live database, or the schema the migration history builds. */
export interface Side {
  /** `staging`, `production`, or `the migration history`. */
  readonly label: string;
  /** True for the schema built by replaying the migrations on a scratch database. */
  readonly history: boolean;
  readonly snapshot: SchemaSnapshot;
}

/** One difference: the object (`index public.orders_email_idx`) and what differs. */
export interface Difference {
  readonly object: string;
  readonly what: string;
}

/** Where an object is, as a report says it: "on production", "in the migration history". */
const where = (side: Side): string => `${side.history ? "in" : "on"} ${side.label}`;

/** Why an object may be on one side only, when one of them is the migration history. */
function onlyOn(present: Side, absent: Side): string {
  const because = absent.history
    ? " (hand-applied?)"
    : present.history
      ? " (dropped by hand?)"
      : "";
  return `${where(present)}, not ${where(absent)}${because}`;
}

const show = (value: Property | undefined): string =>
  value === null || value === undefined
    ? "(none)"
    : typeof value === "boolean"
      ? String(value)
      : value;

const key = (object: SchemaObject): string => `${object.kind} ${object.name}`;

function objectDifferences(left: Side, right: Side): Difference[] {
  const rights = new Map(right.snapshot.objects.map((o) => [key(o), o]));
  const lefts = new Map(left.snapshot.objects.map((o) => [key(o), o]));
  const found: Difference[] = [];
  for (const object of left.snapshot.objects) {
    const other = rights.get(key(object));
    if (other === undefined) {
      found.push({ object: key(object), what: onlyOn(left, right) });
      continue;
    }
    const properties = [
      ...new Set([...Object.keys(object.properties), ...Object.keys(other.properties)]),
    ].sort();
    for (const property of properties) {
      const a = object.properties[property] ?? null;
      const b = other.properties[property] ?? null;
      if (a === b) continue;
      found.push({
        object: key(object),
        what: `${property} ${show(a)} ${where(left)}, ${show(b)} ${where(right)}`,
      });
    }
  }
  for (const object of right.snapshot.objects) {
    if (!lefts.has(key(object))) found.push({ object: key(object), what: onlyOn(right, left) });
  }
  return found;
}

const migrationName = (m: AppliedMigration): string => `migration ${m.version} "${m.name}"`;

/** A migration recorded on `present` only. */
function appliedOnly(present: Side, absent: Side): string {
  if (present.history) return `in the migration history, not applied ${where(absent)}`;
  return `applied ${where(present)}, not ${absent.history ? "in the migration history" : where(absent)}`;
}

/** Versions applied on one side and not the other, and names recorded differently. */
function migrationDifferences(left: Side, right: Side): Difference[] {
  const found: Difference[] = [];
  const leftRows = left.snapshot.migrations ?? [];
  const rightRows = right.snapshot.migrations ?? [];
  if ((left.snapshot.migrations === null) !== (right.snapshot.migrations === null)) {
    const [has, lacks] = left.snapshot.migrations === null ? [right, left] : [left, right];
    found.push({
      object: "the migration-history table",
      what: `${where(has)}, not ${where(lacks)}: migrations were never run there`,
    });
    return found;
  }
  const rightByVersion = new Map(rightRows.map((m) => [m.version, m]));
  const leftByVersion = new Map(leftRows.map((m) => [m.version, m]));
  for (const m of leftRows) {
    const other = rightByVersion.get(m.version);
    if (other === undefined) {
      found.push({ object: migrationName(m), what: appliedOnly(left, right) });
    } else if (other.name !== m.name) {
      found.push({
        object: `migration ${m.version}`,
        what: `named "${m.name}" ${where(left)}, "${other.name}" ${where(right)}`,
      });
    }
  }
  for (const m of rightRows) {
    if (!leftByVersion.has(m.version)) {
      found.push({ object: migrationName(m), what: appliedOnly(right, left) });
    }
  }
  return found.sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
}

/**
 * What differs between two schemas: the migrations each records, then every object present on
 * one side only or with a property that differs, in the snapshots' canonical order.
 */
export function compareSchemas(left: Side, right: Side): Difference[] {
  return [...migrationDifferences(left, right), ...objectDifferences(left, right)];
}
