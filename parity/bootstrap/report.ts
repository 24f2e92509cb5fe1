import type { DeployTypes } from "../../bootstrap/deploy-permissions";

/** The rules `parity plan` holds the bootstrap and the stacks to, each with what it guards. */
export const BOOTSTRAP_RULES = {
  "environments-restricted-to-main":
    "every GitHub environment holding staging's or production's material deploys from main only",
  "preview-reads-no-other-state":
    "no role reachable from the preview environment can read staging's or production's state or keys",
  "preview-creates-bounded-roles":
    "no role reachable from the preview environment can create a role without the permissions boundary",
  "prod-owns-its-dependencies":
    "no resource of prod references a resource owned by staging or a pull-request stack",
  "deploy-types-current":
    "bootstrap/deploy-types.json lists exactly the resource types each tier's stacks register",
} as const;

export type BootstrapRule = keyof typeof BOOTSTRAP_RULES;

/** One breach of one rule, naming the resource. */
export interface BootstrapFinding {
  readonly rule: BootstrapRule;
  /** `<type> "<name>"`, prefixed by its stack when it is not the bootstrap's. */
  readonly resource: string;
  readonly message: string;
}

/** The bootstrap evaluated offline and the rules checked on it and on the stacks. */
export interface BootstrapReport {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly { readonly type: string; readonly name: string }[];
  readonly rules: readonly {
    readonly rule: BootstrapRule;
    readonly description: string;
    readonly findings: number;
  }[];
  readonly findings: readonly BootstrapFinding[];
  /** What bootstrap/deploy-types.json must hold: the types each tier's stacks register. */
  readonly deployTypes: DeployTypes;
  readonly holds: boolean;
}
