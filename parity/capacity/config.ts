import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { UserError } from "../../components/errors";
import { AURORA_CLONES_PER_SOURCE, QUOTAS, type QuotaName } from "./quotas";

/** The file, relative to the project root, that says how many stacks one account and region must hold. */
export const CAPACITY_FILE = "stacks/capacity.yaml";

/** `capacity.yaml`: the cap on concurrent pull-request stacks and the account's raised quotas. */
export interface CapacityConfig {
  readonly file: string;
  /** Pull-request stacks that may exist at once. */
  readonly prStackLimit: number;
  /** The account's limit of every quota: AWS's default unless the file raises it. */
  readonly limits: Readonly<Record<QuotaName, number>>;
  /** What resources outside these stacks already use of each regional quota (the default VPC…). */
  readonly inUse: Readonly<Partial<Record<QuotaName, number>>>;
}

const quotaNames = Object.keys(QUOTAS) as [QuotaName, ...QuotaName[]];

const schema = z.strictObject({
  prStackLimit: z.number().int().min(0).max(AURORA_CLONES_PER_SOURCE),
  quotas: z.partialRecord(z.enum(quotaNames), z.number().int().positive()).optional(),
  inUse: z.partialRecord(z.enum(quotaNames), z.number().int().nonnegative()).optional(),
});

/** Reads and validates `capacity.yaml` in `projectDir`. */
export function readCapacityConfig(projectDir: string): CapacityConfig {
  const file = path.join(projectDir, CAPACITY_FILE);
  if (!existsSync(file)) {
    throw new UserError(
      `${file}: not found. It sets prStackLimit (pull-request stacks at once, 0–${AURORA_CLONES_PER_SOURCE}); restore it from the repository.`,
    );
  }
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    throw new UserError(`${file}: is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join(".") ?? "";
    throw new UserError(
      `${file}: ${key === "" ? "the top level" : `\`${key}\``}: ${issue?.message ?? "invalid"}. Allowed: prStackLimit (an integer from 0 to ${AURORA_CLONES_PER_SOURCE}, Aurora's limit of clones of one cluster); quotas and inUse, each mapping ${quotaNames.join(", ")} to an integer.`,
    );
  }
  const limits = Object.fromEntries(
    quotaNames.map((name) => [name, parsed.data.quotas?.[name] ?? QUOTAS[name].defaultLimit]),
  ) as Record<QuotaName, number>;
  return { file, prStackLimit: parsed.data.prStackLimit, limits, inUse: parsed.data.inUse ?? {} };
}
