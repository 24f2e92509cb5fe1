/** What a mock state function knows about the resource being registered. */
export interface MockResourceContext {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** The physical id the mock assigned. */
  readonly id: string;
  readonly region: string;
  readonly accountId: string;
  /** `arn:aws:<service>:<region>:<account>:<resource>` for this stack. */
  readonly arn: (service: string, resource: string) => string;
  /** A deterministic lower-case hex string of `length`, unique to this resource in this stack. */
  readonly hex: (length: number) => string;
}

/** How the mocks answer for one resource type: its id and the outputs the provider adds. */
export interface MockResourceType {
  /** The physical id, like `vpc-0a1b2c3d4e5f60718` for a VPC. */
  readonly id: (ctx: Omit<MockResourceContext, "id">) => string;
  /** Outputs the provider computes (ARNs, endpoints), merged over the inputs. */
  readonly state?: (ctx: MockResourceContext) => Record<string, unknown>;
}
