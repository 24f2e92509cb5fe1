import { loadConfig, ASSET_PATH_PREFIX } from "../../app/src/config";
import { ASSET_PREFIX } from "../../components/cloudflare/edge-rules";

const PARTS = {
  RELEASE_ID: "r7",
  DB_WRITER_HOST: "writer.internal",
  DB_READER_HOST: "reader.internal",
  DB_PORT: "5433",
  DB_NAME: "app",
  DB_USER: "app_user",
  DB_PASSWORD: "s3cret",
};

describe("loadConfig", () => {
  it("reads the variables the ECS task definition passes, with defaults for the rest", () => {
    expect(loadConfig(PARTS)).toEqual({
      writer: {
        host: "writer.internal",
        port: 5433,
        database: "app",
        user: "app_user",
        password: "s3cret",
      },
      reader: {
        host: "reader.internal",
        port: 5433,
        database: "app",
        user: "app_user",
        password: "s3cret",
      },
      releaseId: "r7",
      port: 8080,
      readStrategy: "read-your-writes",
      readYourWritesWaitMs: 250,
      databaseTls: "verify-full",
      assetPathPrefix: "/assets/",
      upstreamIdleTimeoutSeconds: 60,
    });
  });

  it("reads the asset store's bucket and region together", () => {
    expect(
      loadConfig({
        ...PARTS,
        ASSET_STORE_BUCKET: "app-assets-1a2b3c4",
        ASSET_STORE_REGION: "eu-west-1",
      }).assetStore,
    ).toEqual({ bucket: "app-assets-1a2b3c4", region: "eu-west-1" });
  });

  it("accepts exactly the asset prefixes the stack's assetPathPrefix accepts", () => {
    expect(ASSET_PATH_PREFIX.source).toBe(ASSET_PREFIX.source);
  });

  it("serves the hashed assets under ASSET_PATH_PREFIX, the stack's assetPathPrefix", () => {
    expect(loadConfig({ ...PARTS, ASSET_PATH_PREFIX: "/static/v2/" }).assetPathPrefix).toBe(
      "/static/v2/",
    );
  });

  it("reads WRITER_URL and READER_URL, decoding user and password", () => {
    const config = loadConfig({
      RELEASE_ID: "r7",
      WRITER_URL: "postgres://app%40x:p%2Fw@primary:5432/app",
      READER_URL: "postgresql://app%40x:p%2Fw@replica/app",
      READ_STRATEGY: "naive",
      DB_SSL: "disable",
      PORT: "3000",
    });

    expect(config.writer).toEqual({
      host: "primary",
      port: 5432,
      database: "app",
      user: "app@x",
      password: "p/w",
    });
    expect(config.reader.host).toBe("replica");
    expect(config).toMatchObject({ readStrategy: "naive", databaseTls: "disable", port: 3000 });
  });

  it("uses the writer for reads when no reader is given", () => {
    const config = loadConfig({ ...PARTS, DB_READER_HOST: undefined });

    expect(config.reader).toBe(config.writer);
  });

  it("reads DB_SECRET_ARN, the secret the password is fetched from, and its region", () => {
    const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0a1b2c-Xy12Zw";

    const config = loadConfig({ ...PARTS, DB_PASSWORD: undefined, DB_SECRET_ARN: arn });

    expect(config.databaseSecret).toEqual({ arn, region: "eu-west-1" });
    expect(config.writer.password).toBe("");
  });

  it.each([
    [
      { DB_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1" },
      "DB_SECRET_ARN is set and so is a password (DB_PASSWORD or one in WRITER_URL/READER_URL). Give the password one way: remove it and keep DB_SECRET_ARN, which survives rotation.",
    ],
    [
      { DB_PASSWORD: undefined, DB_SECRET_ARN: "rds!cluster-0a1b2c" },
      'DB_SECRET_ARN must be a Secrets Manager secret ARN, arn:aws:secretsmanager:<region>:<account>:secret:<name> (got "rds!cluster-0a1b2c").',
    ],
    [
      { RELEASE_ID: "" },
      "RELEASE_ID must be set (it is empty or missing). See the environment contract in app/src/config.ts.",
    ],
    [
      { DB_NAME: undefined },
      "DB_NAME must be set (it is empty or missing). See the environment contract in app/src/config.ts.",
    ],
    [{ PORT: "80.5" }, 'PORT must be an integer from 0 to 65535 (got "80.5").'],
    [
      { ASSET_STORE_BUCKET: "app-assets-1a2b3c4" },
      'ASSET_STORE_REGION must be the AWS region of ASSET_STORE_BUCKET, such as eu-west-1 (got "").',
    ],
    [
      { UPSTREAM_IDLE_TIMEOUT_SECONDS: "0" },
      'UPSTREAM_IDLE_TIMEOUT_SECONDS must be an integer from 1 to 4000 (got "0").',
    ],
    [
      { ASSET_PATH_PREFIX: "/static" },
      'ASSET_PATH_PREFIX must be a URL path that starts and ends with / (got "/static"). Unset it for /assets/.',
    ],
    [
      { READ_YOUR_WRITES_WAIT_MS: "60000" },
      'READ_YOUR_WRITES_WAIT_MS must be an integer from 0 to 10000 (got "60000").',
    ],
    [
      { READ_STRATEGY: "replica-only" },
      'READ_STRATEGY must be one of read-your-writes, naive (got "replica-only"). Unset it for read-your-writes.',
    ],
    [
      { DB_SSL: "prefer" },
      'DB_SSL must be one of verify-full, disable (got "prefer"). Unset it to verify the server certificate.',
    ],
    [
      { WRITER_URL: "mysql://u:p@h/app" },
      'WRITER_URL must be a postgres:// URL (got scheme "mysql:").',
    ],
    [
      { WRITER_URL: "postgres://h:5432/" },
      "WRITER_URL must name a host, a user and a database: postgres://user:password@host:5432/name.",
    ],
  ])("refuses %o", (override, message) => {
    expect(() => loadConfig({ ...PARTS, ...override })).toThrow(message);
  });
});
