import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks } from "../../../parity/offline/evaluate";
import { OfflineMocks } from "../../../parity/offline/mocks";

const QUEUE = "aws:sqs/queue:Queue";

/** A queue resource (the SDK's CustomResource is abstract). */
class Queue extends pulumi.CustomResource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(QUEUE, name, {}, opts);
  }
}

/** An explicit provider of package `aws` (the SDK's ProviderResource is abstract). */
class AwsProvider extends pulumi.ProviderResource {
  constructor(name: string) {
    super("aws", name, {});
  }
}

/** Runs `program` as stack `staging` under the open-world mocks with `config`. */
function run(program: () => unknown, config: Record<string, string> = {}) {
  return runUnderMocks(pulumi, { project: "parity-stack", stack: "staging", config }, program, {
    mocks: new OfflineMocks("staging"),
  });
}

describe("an offline run refuses what the Pulumi engine would refuse", () => {
  it("refuses two resources with one URN", async () => {
    await expect(
      run(() => {
        new Queue("jobs");
        new Queue("jobs");
      }),
    ).rejects.toThrow(
      'stack staging: the program registers urn:pulumi:staging::parity-stack::aws:sqs/queue:Queue::jobs twice, and `pulumi up` refuses a duplicate URN. Fix: give one of the two aws:sqs/queue:Queue resources named "jobs" another name.',
    );
  });

  it("accepts two resources of one name under parents of different types", async () => {
    const recorded = await run(() => {
      for (const name of ["A", "B"]) {
        const parent = new pulumi.ComponentResource(`test:index:Group${name}`, name);
        new Queue("jobs", { parent });
      }
    });

    expect(recorded.resources.filter((r) => r.type === QUEUE)).toHaveLength(2);
  });

  it.each([['["aws"]'], ['["*"]']])(
    "refuses a resource on the default provider when %s is disabled",
    async (disabled) => {
      await expect(
        run(
          () => {
            new Queue("jobs");
          },
          { "pulumi:disable-default-providers": disabled },
        ),
      ).rejects.toThrow(
        'stack staging: aws:sqs/queue:Queue "jobs" uses the default aws provider, which pulumi:disable-default-providers turns off, so `pulumi up` refuses it. Fix: pass it an explicit provider ({ provider } or its parent\'s providers).',
      );
    },
  );

  it("accepts a resource with an explicit provider when the default one is disabled", async () => {
    const recorded = await run(
      () => {
        const provider = new AwsProvider("main");
        new Queue("jobs", { provider });
      },
      { "pulumi:disable-default-providers": '["aws"]' },
    );

    expect(recorded.resources.map((r) => r.type)).toEqual(["pulumi:providers:aws", QUEUE]);
  });

  it("accepts a resource on the default provider of a package that is not disabled", async () => {
    const recorded = await run(
      () => {
        new Queue("jobs");
      },
      { "pulumi:disable-default-providers": '["cloudflare"]' },
    );

    expect(recorded.resources).toHaveLength(1);
  });

  it("refuses a disable-default-providers value that is not a list", async () => {
    await expect(
      run(() => undefined, { "pulumi:disable-default-providers": "aws" }),
    ).rejects.toThrow(
      'pulumi:disable-default-providers: expected a list of package names or "*" (got aws). Fix: e.g. pulumi:disable-default-providers: ["aws"].',
    );
  });

  it("refuses an error the program logged", async () => {
    await expect(
      run(() => {
        void pulumi.log.error("the zone is not ours\nsecond line");
        new Queue("jobs");
      }),
    ).rejects.toThrow(
      "stack staging: the program logged an error (pulumi.log.error), so `pulumi up` would fail: the zone is not ours",
    );
  });

  it("gives pulumi.log.error back to the SDK after the run", async () => {
    const before = pulumi.log.error;
    await run(() => undefined).catch(() => undefined);

    expect(pulumi.log.error).toBe(before);
  });
});
