// The parts of @pulumi/aws the project uses, under the package's own names (`aws.ec2.Vpc`,
// `aws.Provider`). The package root loads every AWS service and puts all of their declarations
// (some 2,700 files) into each type check: `tsc`, ESLint, and the ts-node check `pulumi up` runs.
// Importing the services by path keeps those to the services in use (pulumi/pulumi-aws#1015 made
// the package's modules importable on their own for this). A new service is one more line here.
export * as acm from "@pulumi/aws/acm";
export * as appautoscaling from "@pulumi/aws/appautoscaling";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as ecr from "@pulumi/aws/ecr";
export * as ecs from "@pulumi/aws/ecs";
export * as iam from "@pulumi/aws/iam";
export * as lb from "@pulumi/aws/lb";
export * as rds from "@pulumi/aws/rds";
export * as s3 from "@pulumi/aws/s3";
export * as vpc from "@pulumi/aws/vpc";
export { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones";
export { getRegionOutput } from "@pulumi/aws/getRegion";
export { Provider } from "@pulumi/aws/provider";
export { Region } from "@pulumi/aws/types/enums";
