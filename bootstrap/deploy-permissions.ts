import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { UserError } from "../components/errors";
import type { StateTier } from "./environments";
import { carriesBoundary, ROLE_POWER_ACTIONS, type Statement } from "./policy-document";

/** Resource types → IAM actions, with sources. */
export const IAM_ACTIONS_FILE = "iam-actions.yaml";
/** The custom resource types each tier's stacks register; `parity plan` keeps it current. */
export const DEPLOY_TYPES_FILE = "deploy-types.json";

const STATEMENT = z.strictObject({
  actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/)),
  condition: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});
const ENTRY = z.strictObject({ source: z.string().min(1), statements: z.array(STATEMENT) });
const TABLE = z.strictObject({
  types: z.record(z.string(), ENTRY),
  rehearsal: ENTRY,
  schemaRead: ENTRY,
});
type Entry = z.infer<typeof ENTRY>;

/** `file` parsed as `schema`, or a UserError naming the file and the first problem. */
function readData<T>(
  dir: string,
  file: string,
  schema: z.ZodType<T>,
  text: (raw: string) => unknown,
): T {
  const result = schema.safeParse(text(readFileSync(path.join(dir, file), "utf8")));
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new UserError(
      `bootstrap/${file}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}.`,
    );
  }
  return result.data;
}

/** The IAM actions table (bootstrap/iam-actions.yaml). */
export function readIamActions(dir = __dirname): z.infer<typeof TABLE> {
  return readData(dir, IAM_ACTIONS_FILE, TABLE, (raw) => parse(raw));
}

const DEPLOY_TYPES = z.strictObject({
  preview: z.array(z.string()),
  staging: z.array(z.string()),
  production: z.array(z.string()),
});
export type DeployTypes = z.infer<typeof DEPLOY_TYPES>;

/** The resource types each tier's stacks register (`dir`/deploy-types.json, the bootstrap's by default). */
export function readDeployTypes(dir = __dirname): DeployTypes {
  return readData(dir, DEPLOY_TYPES_FILE, DEPLOY_TYPES, (raw) => JSON.parse(raw));
}

/** Statements of table entries; role-changing actions only for roles carrying `boundaryArn`. */
function statementsOf(entries: readonly Entry[], sid: string, boundaryArn: string): Statement[] {
  const plain = new Set<string>();
  const bounded = new Set<string>();
  const conditioned = new Map<
    string,
    { actions: Set<string>; condition: Statement["Condition"] }
  >();
  for (const entry of entries) {
    for (const statement of entry.statements) {
      if (statement.condition !== undefined) {
        const key = JSON.stringify(statement.condition);
        const group = conditioned.get(key) ?? {
          actions: new Set(),
          condition: statement.condition,
        };
        statement.actions.forEach((a) => group.actions.add(a));
        conditioned.set(key, group);
        continue;
      }
      for (const action of statement.actions) {
        (ROLE_POWER_ACTIONS.includes(action) ? bounded : plain).add(action);
      }
    }
  }
  const sorted = (actions: Set<string>) => [...actions].sort();
  const out: Statement[] = [];
  if (plain.size > 0) out.push({ Sid: sid, Effect: "Allow", Action: sorted(plain), Resource: "*" });
  if (bounded.size > 0) {
    out.push({
      Sid: `${sid}RolesWithBoundary`,
      Effect: "Allow",
      Action: sorted(bounded),
      Resource: "*",
      Condition: carriesBoundary(boundaryArn),
    });
  }
  [...conditioned.values()].forEach((group, i) => {
    out.push({
      Sid: `${sid}Conditioned${i + 1}`,
      Effect: "Allow",
      Action: sorted(group.actions),
      Resource: "*",
      Condition: group.condition,
    });
  });
  return out;
}

/**
 * The table's entry of every type `tier`'s stacks register. A type the table lacks is refused,
 * naming it: the role would fail half-way through `pulumi up`.
 */
function entriesFor(tier: StateTier): Entry[] {
  const table = readIamActions();
  return readDeployTypes()[tier].map((type) => {
    const entry = table.types[type];
    if (entry === undefined) {
      throw new UserError(
        `bootstrap/iam-actions.yaml: ${type}: ${tier}'s stacks register it, but the table lists no IAM actions for it. Fix: add it under types: with the actions that create, read, update, tag and delete it, and their source.`,
      );
    }
    return entry;
  });
}

/** Refuses, before anything is registered, a tier whose stacks register a type the table lacks. */
export function checkIamActions(tiers: readonly StateTier[]): void {
  tiers.forEach(entriesFor);
}

/**
 * What deploying `tier`'s stacks needs: the actions of every type they register, and reading the
 * live schema through a one-off task when the environment's jobs do (the table's `schemaRead`).
 */
export function deployStatements(
  tier: StateTier,
  boundaryArn: string,
  readsSchema: boolean,
): Statement[] {
  const schemaRead = readsSchema ? [readIamActions().schemaRead] : [];
  return statementsOf([...entriesFor(tier), ...schemaRead], "Deploy", boundaryArn);
}

/**
 * What the production rehearsal needs besides reading production's state (the table's
 * `rehearsal`, which includes reading the live schema).
 */
export function rehearsalStatements(boundaryArn: string): Statement[] {
  const { rehearsal, schemaRead } = readIamActions();
  return statementsOf([rehearsal, schemaRead], "Rehearse", boundaryArn);
}
