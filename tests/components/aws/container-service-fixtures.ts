import type { Binding } from "../../../components/aws/binding";
import type { ContainerServiceArgs } from "../../../components/aws/container-service";

/** A private key that must never appear in any recorded input. */
export const PRIVATE_KEY_PEM =
  "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPrivateKeyMaterialForTestsOnly00000000\n-----END PRIVATE KEY-----\n";
export const CERTIFICATE_PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBfakeOriginCaLeafCertificateForTests\n-----END CERTIFICATE-----\n";

export const DB_SECRET_ARN =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0-AbCdEf";
export const DB_SECURITY_GROUP = "sg-0db0000000000000a";

const READ_SECRET = {
  Sid: "ReadDatabaseSecret",
  Effect: "Allow",
  Action: ["secretsmanager:GetSecretValue"],
  Resource: DB_SECRET_ARN,
} as const;
export const STAGING_IMAGE =
  "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app-image-repo-1a2b3c4@sha256:4f1c2a7e9b0d3c5e6f8a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506";

/** The binding a Database hands the service, with fake endpoints, secret and security group. */
export const DATABASE_BINDING: Binding = {
  environment: {
    DB_NAME: "app",
    DB_PORT: "5432",
    DB_READER_HOST: "main.cluster-ro-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com",
    DB_SECRET_ARN,
    DB_WRITER_HOST: "main.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com",
  },
  secrets: { DB_USER: `${DB_SECRET_ARN}:username::` },
  taskStatements: [READ_SECRET],
  executionStatements: [READ_SECRET],
  reach: [{ name: "db", securityGroupId: DB_SECURITY_GROUP, port: 5432, protocol: "PostgreSQL" }],
  readiness: [],
};

/** Valid container service args with fake network, database and certificate inputs. */
export function serviceArgs(overrides: Partial<ContainerServiceArgs> = {}): ContainerServiceArgs {
  return {
    vpcId: "vpc-0aaaaaaaaaaaaaaaa",
    publicSubnetIds: ["subnet-0public000000000a", "subnet-0public000000000b"],
    privateSubnetIds: ["subnet-0private00000000a", "subnet-0private00000000b"],
    privateEgress: [],
    image: { imageRef: STAGING_IMAGE },
    requirePinnedImage: true,
    cpu: 512,
    memory: 1024,
    minTasks: 2,
    maxTasks: 6,
    containerPort: 8080,
    healthCheckPath: "/healthz",
    assetPathPrefix: "/assets/",
    logRetentionDays: 30,
    bindings: [DATABASE_BINDING],
    originCertificate: { certificatePem: CERTIFICATE_PEM, privateKeyPem: PRIVATE_KEY_PEM },
    ...overrides,
  };
}
