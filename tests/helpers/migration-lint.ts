import { parseSync } from "libpg-query";

/**
 * The rules every migration must keep so that the release being replaced keeps working on the new
 * schema (ECS runs both during a rollout, and a rollback runs the old one on it) and live traffic
 * is not stalled behind a lock. A migration may break one only with a reviewed override
 * (`reviewed: [{ rule, reason }]` in app/src/migrations.ts).
 */
export const MIGRATION_RULES = {
  "lock-timeout":
    "it locks a table that existed before it without `SET LOCAL lock_timeout` first: queued behind a long transaction, the lock stalls every query on the table. Start the migration with SET LOCAL lock_timeout = '5s'",
  "index-concurrently":
    "CREATE INDEX on an existing table blocks its writes for the whole build. Build it CONCURRENTLY, in a migration that runs outside a transaction",
  "not-null-without-default":
    "ADD COLUMN … NOT NULL without a DEFAULT fails on existing rows, and the release being replaced inserts without the column. Add a DEFAULT, or add it nullable and backfill",
  "set-not-null":
    "SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock, and the release being replaced may still write NULLs. Add CHECK (column IS NOT NULL) NOT VALID and VALIDATE it in a later release",
  "unique-constraint":
    "ADD CONSTRAINT … UNIQUE builds its index under an ACCESS EXCLUSIVE lock. CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX",
  "constraint-not-valid":
    "ADD CONSTRAINT CHECK or FOREIGN KEY checks every row under the lock. Add it NOT VALID and VALIDATE CONSTRAINT in a later migration",
  rename:
    "a rename breaks the release being replaced (and a rollback to it), which still uses the old name. Add the new name, write both, switch the reads, and drop the old one releases later",
  drop: "a drop breaks the release being replaced (and a rollback to it) while it still reads what is dropped. Stop reading it one release earlier, then drop it with a reviewed override",
} as const;

export type MigrationRule = keyof typeof MIGRATION_RULES;

/** What the lint reads of a migration (app/src/migrations.ts's `Migration`). */
export interface LintedMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly reviewed?: readonly { readonly rule: string; readonly reason: string }[];
}

/** One rule a migration breaks, as a sentence that names the migration, the rule and the fix. */
export interface LintFinding {
  readonly version: number;
  readonly rule: MigrationRule;
  readonly message: string;
}

type Node = Record<string, unknown>;

interface Relation {
  readonly relname?: string;
}

interface Statement {
  readonly rule?: MigrationRule;
  /** The table the statement locks, if any. */
  readonly locks?: string;
}

function constraintRule(def: unknown): MigrationRule | undefined {
  const constraint = (def as { Constraint?: { contype?: string; skip_validation?: boolean } })
    .Constraint;
  if (constraint?.contype === "CONSTR_UNIQUE") return "unique-constraint";
  const validating =
    constraint?.contype === "CONSTR_CHECK" || constraint?.contype === "CONSTR_FOREIGN";
  return validating && constraint.skip_validation !== true ? "constraint-not-valid" : undefined;
}

function addColumnRule(def: unknown): MigrationRule | undefined {
  const constraints =
    (def as { ColumnDef?: { constraints?: { Constraint?: { contype?: string } }[] } }).ColumnDef
      ?.constraints ?? [];
  const types = constraints.map((c) => c.Constraint?.contype);
  return types.includes("CONSTR_NOTNULL") && !types.includes("CONSTR_DEFAULT")
    ? "not-null-without-default"
    : undefined;
}

/** The rules one ALTER TABLE command breaks on an existing table. */
function alterRule(command: { subtype?: string; def?: unknown }): MigrationRule | undefined {
  switch (command.subtype) {
    case "AT_AddConstraint":
      return constraintRule(command.def);
    case "AT_AddColumn":
      return addColumnRule(command.def);
    case "AT_SetNotNull":
      return "set-not-null";
    case "AT_DropColumn":
    case "AT_DropConstraint":
      return "drop";
    default:
      return undefined;
  }
}

/** What one statement does to tables that existed before the migration. */
function judge(stmt: Node, created: ReadonlySet<string>): Statement[] {
  const [kind, body] = Object.entries(stmt)[0] ?? [];
  const node = body as Node;
  const table = (node.relation as Relation | undefined)?.relname;
  const existing = table !== undefined && !created.has(table);
  switch (kind) {
    case "AlterTableStmt": {
      if (!existing) return [];
      const commands = (node.cmds ?? []) as {
        AlterTableCmd: { subtype?: string; def?: unknown };
      }[];
      return [{ locks: table }, ...commands.map((c) => ({ rule: alterRule(c.AlterTableCmd) }))];
    }
    case "IndexStmt":
      return existing && node.concurrent !== true
        ? [{ locks: table, rule: "index-concurrently" }]
        : [];
    case "RenameStmt":
      return existing ? [{ locks: table, rule: "rename" }] : [];
    case "DropStmt": {
      const names = (
        (node.objects ?? []) as { List?: { items?: { String?: { sval?: string } }[] } }[]
      )
        .map((o) => o.List?.items?.at(-1)?.String?.sval)
        .filter((name): name is string => name !== undefined && !created.has(name));
      return names.map((name) => ({ locks: name, rule: "drop" as const }));
    }
    default:
      return [];
  }
}

function isLockTimeout(stmt: Node): boolean {
  return (stmt.VariableSetStmt as { name?: string } | undefined)?.name === "lock_timeout";
}

/** The rules `migration`'s SQL breaks, before overrides. */
function broken(sql: string): Set<MigrationRule> {
  const rules = new Set<MigrationRule>();
  const created = new Set<string>();
  let timeoutSet = false;
  for (const { stmt } of parseSync(sql).stmts as { stmt: Node }[]) {
    if (isLockTimeout(stmt)) timeoutSet = true;
    const createdTable = (stmt.CreateStmt as { relation?: Relation } | undefined)?.relation
      ?.relname;
    if (createdTable !== undefined) created.add(createdTable);
    for (const verdict of judge(stmt, created)) {
      if (verdict.rule !== undefined) rules.add(verdict.rule);
      if (verdict.locks !== undefined && !timeoutSet) rules.add("lock-timeout");
    }
  }
  return rules;
}

/**
 * Lints every migration: the rules it breaks that no reviewed override allows, and every override
 * that allows nothing (a stale or misspelled one must not hide tomorrow's mistake). Call
 * `loadModule()` from libpg-query once first.
 */
export function lintMigrations(migrations: readonly LintedMigration[]): LintFinding[] {
  return migrations.flatMap((migration) => {
    const label = `Migration ${migration.version} "${migration.name}"`;
    const rules = broken(migration.sql);
    const allowed = new Map((migration.reviewed ?? []).map((r) => [r.rule, r.reason.trim()]));
    const findings: LintFinding[] = [...rules]
      .filter((rule) => (allowed.get(rule) ?? "") === "")
      .map((rule) => ({
        version: migration.version,
        rule,
        message: `${label} breaks rule ${rule}: ${MIGRATION_RULES[rule]}; or, once reviewed, allow it with reviewed: [{ rule: "${rule}", reason: "…" }].`,
      }));
    for (const rule of allowed.keys()) {
      if (rules.has(rule as MigrationRule)) continue;
      findings.push({
        version: migration.version,
        rule: rule as MigrationRule,
        message: `${label} allows rule ${rule}, which it does not break${rule in MIGRATION_RULES ? "" : ` (the rules are ${Object.keys(MIGRATION_RULES).join(", ")})`}: remove the override.`,
      });
    }
    return findings;
  });
}
