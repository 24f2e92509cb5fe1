import { secretPassword } from "../../app/src/credentials";
import { startSecretsManagerStub, type SecretsManagerStub } from "../helpers/secrets-manager-stub";

const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-1-AbCdEf";

let stub: SecretsManagerStub;

beforeEach(async () => {
  stub = await startSecretsManagerStub(ARN, JSON.stringify({ username: "app", password: "one" }));
});

afterEach(() => stub.close());

describe("a password from Secrets Manager", () => {
  it("is fetched once for any number of connections while the database accepts it", async () => {
    const passwords = secretPassword(stub.client, ARN);

    const seen = await Promise.all([passwords.password(), passwords.password()]);
    seen.push(await passwords.password());

    expect(seen).toEqual(["one", "one", "one"]);
    expect(stub.requests).toEqual([ARN]);
  });

  it("is fetched again after the database refused it, and then is the rotated one", async () => {
    const passwords = secretPassword(stub.client, ARN);
    await passwords.password();
    stub.secretString = JSON.stringify({ username: "app", password: "two" });

    const beforeRefusal = await passwords.password();
    passwords.refused();
    const afterRefusal = await passwords.password();

    expect([beforeRefusal, afterRefusal]).toEqual(["one", "two"]);
    expect(stub.requests).toEqual([ARN, ARN]);
  });

  it.each([
    [
      "is not JSON",
      "one",
      `Secret ${ARN} is not JSON: expected {"username": …, "password": …} as RDS stores a managed master password.`,
    ],
    [
      "has no password",
      '{"username":"app"}',
      `Secret ${ARN} has no "password" string: expected {"username": …, "password": …} as RDS stores a managed master password.`,
    ],
  ])(
    "is refused when the secret %s, and asked for again next time",
    async (_case, body, message) => {
      stub.secretString = body;
      const passwords = secretPassword(stub.client, ARN);

      await expect(passwords.password()).rejects.toThrow(message);
      await expect(passwords.password()).rejects.toThrow(message);
      expect(stub.requests).toEqual([ARN, ARN]);
    },
  );

  it("passes on Secrets Manager's error for a secret it cannot find", async () => {
    const other = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:other-AbCdEf";

    await expect(secretPassword(stub.client, other).password()).rejects.toThrow(
      "Secrets Manager can't find the specified secret.",
    );
  });
});
