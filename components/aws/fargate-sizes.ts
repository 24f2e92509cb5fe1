import { check } from "../errors";

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

function isFargateCpu(cpu: number): cpu is FargateCpu {
  return (FARGATE_CPU as readonly number[]).includes(cpu);
}

/**
 * Checks that Fargate runs a task of `cpu` units and `memory` MiB; throws a UserError naming
 * the allowed values otherwise. `owner` prefixes the message, e.g. `ContainerService "app"`.
 */
export function validateFargateSize(owner: string, cpu: number, memory: number): void {
  check(
    isFargateCpu(cpu),
    () =>
      `${owner}: \`cpu\` must be one of ${FARGATE_CPU.join(", ")} (got ${cpu}). Fargate runs tasks only at these CPU sizes.`,
  );
  const allowed = FARGATE_MEMORY[cpu];
  check(
    allowed.includes(memory),
    () =>
      `${owner}: \`memory\` ${memory} MiB is not accepted by Fargate with \`cpu\` ${cpu}; allowed memory for ${cpu} CPU units: ${allowed.join(", ")}. Change memory, or cpu to a size that allows ${memory} MiB.`,
  );
}
