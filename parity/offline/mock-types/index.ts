import { EC2_RESOURCES } from "./aws-ec2";
import { RDS_RESOURCES } from "./aws-rds";
import { ECS_RESOURCES } from "./aws-ecs";
import { DELIVERY_RESOURCES } from "./aws-delivery";
import { CLOUDFLARE_RESOURCES } from "./cloudflare";
import { RANDOM_RESOURCES } from "./random";
import type { MockResourceType } from "./types";

/** The resource types with hand-written outputs; any other is answered generically. */
export const MOCK_RESOURCES: Readonly<Record<string, MockResourceType>> = {
  ...EC2_RESOURCES,
  ...RDS_RESOURCES,
  ...ECS_RESOURCES,
  ...DELIVERY_RESOURCES,
  ...CLOUDFLARE_RESOURCES,
  ...RANDOM_RESOURCES,
};
