import type { DeployTypes } from "../../bootstrap/deploy-permissions";
import type { EvaluatedStack } from "../offline/evaluate";
import type { BootstrapFinding } from "./report";

/** The custom resource types each tier's evaluated stacks register. */
export function registeredTypes(stacks: readonly EvaluatedStack[]): DeployTypes {
  const of = (tier: string) =>
    [
      ...new Set(
        stacks
          .filter((s) => s.spec.values.tier === tier)
          .flatMap((s) => s.resources.filter((r) => r.custom).map((r) => r.type)),
      ),
    ].sort();
  return { preview: of("preview"), staging: of("staging"), production: of("production") };
}

/**
 * The deploy roles' permissions are derived from bootstrap/deploy-types.json: it must list exactly
 * what each tier's stacks register, or a deploy fails on a missing permission (a type it lacks)
 * or a role keeps permissions nothing needs (a type it has too many).
 */
export function checkDeployTypes(
  committed: DeployTypes,
  registered: DeployTypes,
): BootstrapFinding[] {
  return (Object.keys(registered) as (keyof DeployTypes)[]).flatMap((tier) => {
    const missing = registered[tier].filter((t) => !committed[tier].includes(t));
    const extra = committed[tier].filter((t) => !registered[tier].includes(t));
    if (missing.length === 0 && extra.length === 0) return [];
    const parts = [
      ...(missing.length === 0 ? [] : [`lacks ${missing.join(", ")}`]),
      ...(extra.length === 0
        ? []
        : [`lists ${extra.join(", ")}, which no ${tier} stack registers`]),
    ];
    return [
      {
        rule: "deploy-types-current" as const,
        resource: `bootstrap/deploy-types.json ${tier}`,
        message: `${parts.join("; ")}. Fix: write the bootstrap.deployTypes of \`parity plan --json FILE\` to bootstrap/deploy-types.json, then \`pulumi up\` the bootstrap.`,
      },
    ];
  });
}
