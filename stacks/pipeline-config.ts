/**
 * Config the pipelines set on a stack right before `pulumi up`, and never commit: production's
 * `imageRef` is the digest staging exported in the same promotion run
 * (`pulumi config set imageRef … -s prod`). A committed value would be deployed by anyone running
 * `pulumi up -s prod`, so the stack file has none and the loader refuses production without one.
 *
 * The offline evaluation (plan, diff, tests) stands in these samples for what the pipeline sets:
 * production's is shaped exactly like staging's export, in the shared registry staging pushes to
 * (a test keeps the two the same).
 */
export const PIPELINE_CONFIG_SAMPLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  prod: {
    imageRef:
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack@sha256:4f1c2a7e9b0d3c5e6f8a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506",
  },
};

/** The samples for `stack` as full config keys (`<project>:<key>`); empty for other stacks. */
export function pipelineConfigSamples(project: string, stack: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PIPELINE_CONFIG_SAMPLES[stack] ?? {}).map(([key, value]) => [
      `${project}:${key}`,
      value,
    ]),
  );
}
