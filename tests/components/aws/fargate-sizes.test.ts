import { UserError } from "../../../components/errors";
import {
  FARGATE_MEMORY,
  FARGATE_SIZE_FIELDS,
  validateFargateSize,
} from "../../../components/aws/fargate-sizes";

describe("validateFargateSize", () => {
  it.each([
    [256, 512],
    [256, 2048],
    [512, 4096],
    [1024, 2048],
    [2048, 16384],
    [4096, 30720],
    [8192, 61440],
    [16384, 122880],
  ])("accepts %i CPU units with %i MiB", (cpu, memory) => {
    expect(() => {
      validateFargateSize('ContainerService "app"', cpu, memory);
    }).not.toThrow();
  });

  it.each([
    [
      256,
      4096,
      'ContainerService "app": `memory` 4096 MiB is not accepted by Fargate with `cpu` 256; allowed memory for 256 CPU units: 512, 1024, 2048. Change memory, or cpu to a size that allows 4096 MiB.',
    ],
    [
      1024,
      1024,
      'ContainerService "app": `memory` 1024 MiB is not accepted by Fargate with `cpu` 1024; allowed memory for 1024 CPU units: 2048, 3072, 4096, 5120, 6144, 7168, 8192. Change memory, or cpu to a size that allows 1024 MiB.',
    ],
    [
      8192,
      18432,
      'ContainerService "app": `memory` 18432 MiB is not accepted by Fargate with `cpu` 8192; allowed memory for 8192 CPU units: 16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440. Change memory, or cpu to a size that allows 18432 MiB.',
    ],
    [
      300,
      1024,
      'ContainerService "app": `cpu` must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 (got 300). Fargate runs tasks only at these CPU sizes.',
    ],
    [
      1024,
      2049,
      'ContainerService "app": `memory` must be a Fargate memory size in MiB: 512, a multiple of 1024 up to 30720, of 4096 up to 61440 or of 8192 up to 122880 (got 2049).',
    ],
  ])("refuses %i CPU units with %i MiB", (cpu, memory, message) => {
    expect(() => {
      validateFargateSize('ContainerService "app"', cpu, memory);
    }).toThrow(new UserError(message));
  });

  it("lists 1 GiB steps from 8 to 30 GiB for 4 vCPU, as the ECS table does", () => {
    expect(FARGATE_MEMORY[4096]).toHaveLength(23);
    expect(FARGATE_MEMORY[4096][0]).toBe(8192);
    expect(FARGATE_MEMORY[4096].at(-1)).toBe(30720);
  });

  it("describes in words exactly the memory sizes some CPU size allows", () => {
    const multiples = (step: number, upTo: number) =>
      Array.from({ length: upTo / step }, (_, i) => (i + 1) * step);
    const described = new Set([
      512,
      ...multiples(1024, 30720),
      ...multiples(4096, 61440),
      ...multiples(8192, 122880),
    ]);
    const tabled = new Set(Object.values(FARGATE_MEMORY).flat());
    expect([...described].sort((a, b) => a - b)).toEqual([...tabled].sort((a, b) => a - b));
    expect(FARGATE_SIZE_FIELDS.memory.allowed).toBe(
      "a Fargate memory size in MiB: 512, a multiple of 1024 up to 30720, of 4096 up to 61440 or of 8192 up to 122880",
    );
    expect(
      [...tabled].every((memory) => FARGATE_SIZE_FIELDS.memory.schema.safeParse(memory).success),
    ).toBe(true);
    expect(FARGATE_SIZE_FIELDS.memory.schema.safeParse(513).success).toBe(false);
  });
});
