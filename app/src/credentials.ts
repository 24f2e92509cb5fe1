import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/**
 * Where the database password comes from when a connection is opened. RDS rotates a managed
 * master password every 7 days, while ECS reads secrets into the environment once, at task start:
 * a password read then stops working within a week. So the app asks Secrets Manager itself.
 */
export interface PasswordSource {
  /** The password to open a connection with. */
  password(): Promise<string>;
  /** The database refused the last password (SQLSTATE 28P01): the next call fetches it again. */
  refused(): void;
}

/** SQLSTATE `invalid_password`: what PostgreSQL answers a wrong or rotated-away password. */
export const INVALID_PASSWORD = "28P01";

/** True when `error` is PostgreSQL refusing the password. */
export function isPasswordRefused(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    error.code === INVALID_PASSWORD
  );
}

/** A password given once (`DB_PASSWORD`, a URL): for local databases that never rotate it. */
export function fixedPassword(value: string): PasswordSource {
  return { password: () => Promise.resolve(value), refused: () => undefined };
}

/**
 * The `password` field of a Secrets Manager secret's JSON, as RDS-managed master passwords store
 * it. Fetched when the first connection needs it, kept while the database accepts it, fetched
 * again after a refusal. Concurrent connections share one request.
 */
export function secretPassword(
  client: Pick<SecretsManagerClient, "send">,
  secretId: string,
): PasswordSource {
  let current: Promise<string> | undefined;
  const fetchPassword = async (): Promise<string> => {
    const secret = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    return passwordOf(secretId, secret.SecretString);
  };
  return {
    password() {
      if (current === undefined) {
        const fetching = fetchPassword();
        current = fetching;
        // A failed fetch is not kept: the next connection asks again.
        fetching.catch(() => {
          if (current === fetching) current = undefined;
        });
      }
      return current;
    },
    refused() {
      current = undefined;
    },
  };
}

function passwordOf(secretId: string, secretString: string | undefined): string {
  let value: unknown;
  try {
    value = JSON.parse(secretString ?? "");
  } catch {
    throw new Error(
      `Secret ${secretId} is not JSON: expected {"username": …, "password": …} as RDS stores a managed master password.`,
    );
  }
  if (typeof value === "object" && value !== null && "password" in value) {
    const { password } = value;
    if (typeof password === "string" && password !== "") return password;
  }
  throw new Error(
    `Secret ${secretId} has no "password" string: expected {"username": …, "password": …} as RDS stores a managed master password.`,
  );
}
