import { ASSET_RETENTION_DAYS } from "../../../components/aws/asset-bucket";
import { ContainerService } from "../../../components/aws/container-service";
import { findResource } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";
import { serviceArgs } from "./container-service-fixtures";

const S3 = "aws:s3/";

async function deploy(forceDeleteAssets?: boolean) {
  const { resources } = await runComponent(
    () =>
      new ContainerService(
        "app",
        serviceArgs(forceDeleteAssets === undefined ? {} : { forceDeleteAssets }),
      ).serviceName,
  );
  return resources;
}

describe("the service's asset store (skew protection)", () => {
  it("keeps every release's assets in a private, encrypted bucket for longer than a year", async () => {
    const resources = await deploy();
    const bucket = findResource(resources, `${S3}bucket:Bucket`, "app-assets");
    expect(bucket.inputs.forceDestroy).toBe(false);
    expect(
      findResource(resources, `${S3}bucketPublicAccessBlock:BucketPublicAccessBlock`, "app-assets")
        .inputs,
    ).toMatchObject({
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const lifecycle = findResource(
      resources,
      `${S3}bucketLifecycleConfiguration:BucketLifecycleConfiguration`,
      "app-assets",
    );
    expect(lifecycle.inputs.rules).toEqual([
      expect.objectContaining({ status: "Enabled", expiration: { days: ASSET_RETENTION_DAYS } }),
    ]);
    expect(ASSET_RETENTION_DAYS).toBeGreaterThan(365);
  });

  it("tells the app the bucket and lets only its task role publish and read objects in it", async () => {
    const resources = await deploy();
    const bucket = findResource(resources, `${S3}bucket:Bucket`, "app-assets");
    const task = findResource(resources, "aws:ecs/taskDefinition:TaskDefinition", "app-app");
    const [container] = JSON.parse(String(task.inputs.containerDefinitions)) as {
      environment: { name: string; value: string }[];
      logConfiguration: { options: Record<string, string> };
    }[];
    // The bucket is in the stack's region, where the task also sends its logs.
    expect(container?.environment).toEqual(
      expect.arrayContaining([
        { name: "ASSET_STORE_BUCKET", value: bucket.outputs.bucket },
        {
          name: "ASSET_STORE_REGION",
          value: container?.logConfiguration.options["awslogs-region"],
        },
      ]),
    );
    const policy = JSON.parse(
      String(findResource(resources, "aws:iam/rolePolicy:RolePolicy", "app-task").inputs.policy),
    ) as { Statement: { Sid: string; Action: string[]; Resource: string }[] };
    expect(policy.Statement.find((s) => s.Sid === "PublishAndReadAssets")).toMatchObject({
      Action: ["s3:PutObject", "s3:GetObject"],
      Resource: `${String(bucket.outputs.arn)}/*`,
    });
  });

  it("lets a short-lived stack delete the bucket with its objects", async () => {
    const resources = await deploy(true);
    expect(findResource(resources, `${S3}bucket:Bucket`, "app-assets").inputs.forceDestroy).toBe(
      true,
    );
  });
});
