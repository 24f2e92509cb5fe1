import { EC2_INVOKES, EC2_RESOURCES } from "./aws-ec2";
import { CLOUDFLARE_RESOURCES } from "./cloudflare";
import type { MockInvoke, MockResourceType } from "./types";

/** Every resource type the offline evaluation knows. Anything else is refused. */
export const MOCK_RESOURCES: Readonly<Record<string, MockResourceType>> = {
  ...EC2_RESOURCES,
  ...CLOUDFLARE_RESOURCES,
};

/** Every invoke the offline evaluation knows. Anything else throws `Mock not implemented`. */
export const MOCK_INVOKES: Readonly<Record<string, MockInvoke>> = {
  ...EC2_INVOKES,
};
