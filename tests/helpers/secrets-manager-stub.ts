import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/**
 * A local stand-in for the Secrets Manager API's GetSecretValue (AWS JSON 1.1 protocol: `POST /`,
 * `X-Amz-Target: secretsmanager.GetSecretValue`, `{"SecretId"}`), enough for the AWS SDK v3
 * client to talk to it through an `endpoint` override. Signatures are not checked.
 */
export interface SecretsManagerStub {
  /** A real SDK client pointed at the stub, with dummy credentials. */
  readonly client: SecretsManagerClient;
  /** The secret's JSON as the next GetSecretValue returns it; a rotation replaces it. */
  secretString: string;
  /** The SecretIds asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the stub on a free loopback port, serving one secret named `arn`. */
export async function startSecretsManagerStub(
  arn: string,
  secretString: string,
): Promise<SecretsManagerStub> {
  const requests: string[] = [];
  const state = { secretString };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const reply = (status: number, body: object) => {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        response.end(JSON.stringify(body));
      };
      if (request.headers["x-amz-target"] !== "secretsmanager.GetSecretValue") {
        reply(400, { __type: "UnknownOperationException", message: "only GetSecretValue" });
        return;
      }
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        SecretId: string;
      };
      requests.push(SecretId);
      if (SecretId !== arn) {
        reply(400, {
          __type: "ResourceNotFoundException",
          message: "Secrets Manager can't find the specified secret.",
        });
        return;
      }
      reply(200, {
        ARN: arn,
        Name: arn.split(":").at(-1),
        SecretString: state.secretString,
        VersionId: `v${requests.length}`,
        VersionStages: ["AWSCURRENT"],
        CreatedDate: Date.now() / 1000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new SecretsManagerClient({
    region: "eu-west-1",
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: "AKIDSTUB", secretAccessKey: "stub" },
    maxAttempts: 1,
  });
  return {
    client,
    get secretString() {
      return state.secretString;
    },
    set secretString(value: string) {
      state.secretString = value;
    },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        client.destroy();
        server.closeAllConnections();
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
