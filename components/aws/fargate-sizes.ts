import { z } from "zod";
import { check } from "../errors";
import { checkField, oneOfNumbers, type FieldRule } from "../field-rule";

/** Task CPU units Fargate accepts (1024 units = 1 vCPU). */
export const FARGATE_CPU = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

export type FargateCpu = (typeof FARGATE_CPU)[number];

function range(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
}

/**
 * Task memory sizes (MiB) Fargate accepts for each CPU size, from the ECS developer guide's
 * "Task CPU and memory" table. Any other pair is refused by the ECS API at deploy time.
 */
export const FARGATE_MEMORY: Readonly<Record<FargateCpu, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

/** Every memory size Fargate accepts with some CPU size, smallest first. */
const ANY_FARGATE_MEMORY = [...new Set(Object.values(FARGATE_MEMORY).flat())].sort((a, b) => a - b);

/**
 * The rules of a Fargate task size, each on its own; which memory goes with which CPU size is
 * {@link FARGATE_MEMORY}, checked by {@link validateFargateSize}.
 */
export const FARGATE_SIZE_FIELDS = {
  cpu: oneOfNumbers(FARGATE_CPU),
  memory: {
    type: "integer",
    schema: z.number().refine((memory) => ANY_FARGATE_MEMORY.includes(memory)),
    allowed:
      "a Fargate memory size in MiB: 512, a multiple of 1024 up to 30720, of 4096 up to 61440 or of 8192 up to 122880",
  } satisfies FieldRule<number>,
} as const;

/**
 * Checks that Fargate runs a task of `cpu` units and `memory` MiB; throws a UserError naming
 * the allowed values otherwise. `owner` prefixes the message, e.g. `ContainerService "app"`.
 */
export function validateFargateSize(owner: string, cpu: number, memory: number): void {
  checkField(
    owner,
    "cpu",
    FARGATE_SIZE_FIELDS.cpu,
    cpu,
    "Fargate runs tasks only at these CPU sizes.",
  );
  checkField(owner, "memory", FARGATE_SIZE_FIELDS.memory, memory);
  const allowed = FARGATE_MEMORY[cpu];
  check(
    allowed.includes(memory),
    () =>
      `${owner}: \`memory\` ${memory} MiB is not accepted by Fargate with \`cpu\` ${cpu}; allowed memory for ${cpu} CPU units: ${allowed.join(", ")}. Change memory, or cpu to a size that allows ${memory} MiB.`,
  );
}
