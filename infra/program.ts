import { Network } from "../components/aws/network";
import type { EnvironmentSpec } from "../stacks/spec";
import { createProviders } from "./providers";

/**
 * Composes one environment from its spec. Every stack runs this same code; what differs between
 * stacks is only the data in `spec`, and only in keys the environment model declares.
 */
export function defineStack(spec: EnvironmentSpec) {
  const providers = createProviders(spec);
  const opts = { providers: [providers.aws, providers.cloudflare] };
  const { values } = spec;

  const network = new Network("main", { cidrBlock: values.vpcCidr, azCount: values.azCount }, opts);

  return {
    stack: spec.stack,
    hostname: values.hostname,
    vpcId: network.vpcId,
    availabilityZones: network.availabilityZones,
    publicSubnetIds: network.publicSubnetIds,
    privateSubnetIds: network.privateSubnetIds,
  };
}

export type StackOutputs = ReturnType<typeof defineStack>;
