// The parts of @pulumi/aws the bootstrap uses, imported by service (see components/aws/sdk.ts for
// why not the package root). A new service is one more line here.
export * as ecr from "@pulumi/aws/ecr";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as s3 from "@pulumi/aws/s3";
export { Provider } from "@pulumi/aws/provider";
export { Region } from "@pulumi/aws/types/enums";
