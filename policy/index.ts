import { PolicyPack } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import path from "node:path";
import { loadSpec } from "../stacks/loader";
import { policyEnvironment, type PolicyEnvironment } from "./environment";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, parityPolicies } from "./pack";

// The pack `pulumi preview --policy-pack policy` runs. The engine starts it with the stack's name
// and config in the environment (PULUMI_NODEJS_STACK, PULUMI_CONFIG), from which the environment
// model loads the stack's spec exactly as the program does (infra/index.ts); the policies' tier
// thresholds come from it, never from the stack's name. Loaded on the first validation: the pack
// lists its policies (`pulumi policy publish`) without a stack.
let environment: PolicyEnvironment | undefined;

function stackEnvironment(): PolicyEnvironment {
  environment ??= policyEnvironment(
    loadSpec({
      projectDir: path.resolve(__dirname, ".."),
      stack: pulumi.getStack(),
      config: pulumi.runtime.allConfig(),
    }),
  );
  return environment;
}

new PolicyPack(PACK_NAME, {
  description: "What every parity-stack stack promises, checked before it is deployed.",
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies: parityPolicies(stackEnvironment),
});
