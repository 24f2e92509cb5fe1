import { EC2_INVOKES, EC2_RESOURCES } from "./aws-ec2";
import { RDS_RESOURCES } from "./aws-rds";
import { ECS_INVOKES, ECS_RESOURCES } from "./aws-ecs";
import { CLOUDFLARE_IP_RANGES_INVOKES } from "./cloudflare-ip-ranges";
import { CLOUDFLARE_RESOURCES } from "./cloudflare";
import type { MockInvoke, MockResourceType } from "./types";

/** Every resource type the offline evaluation knows. Anything else is refused. */
export const MOCK_RESOURCES: Readonly<Record<string, MockResourceType>> = {
  ...EC2_RESOURCES,
  ...RDS_RESOURCES,
  ...ECS_RESOURCES,
  ...CLOUDFLARE_RESOURCES,
};

/** Every invoke the offline evaluation knows. Anything else throws `Mock not implemented`. */
export const MOCK_INVOKES: Readonly<Record<string, MockInvoke>> = {
  ...EC2_INVOKES,
  ...ECS_INVOKES,
  ...CLOUDFLARE_IP_RANGES_INVOKES,
};
