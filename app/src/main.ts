import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { s3AssetStore, type AssetStore } from "./asset-store";
import { loadAssets, type AssetBundle } from "./assets";
import { ConfigError, loadConfig, type AppConfig } from "./config";
import { createPools } from "./db";
import { routerFor } from "./reads";
import { keepAliveOutlasting } from "./keep-alive";
import { createApp } from "./server";

/** The static files, next to `src/` (sources) and `dist/` (the built image). */
export const STATIC_DIR = path.join(__dirname, "..", "static");

/**
 * The store of every release's assets, with this release's published to it: a task that cannot
 * publish does not start, so no page it serves names an asset the next release cannot find.
 */
async function publishedStore(
  config: AppConfig,
  assets: AssetBundle,
): Promise<AssetStore | undefined> {
  if (config.assetStore === undefined) return undefined;
  const { bucket, region } = config.assetStore;
  const store = s3AssetStore(new S3Client({ region }), bucket);
  await store.publish(assets);
  return store;
}

async function start(config: AppConfig): Promise<void> {
  const assets = loadAssets(STATIC_DIR, config.assetPathPrefix, config.releaseId);
  const assetStore = await publishedStore(config, assets);
  const { writer, reader } = createPools(config);
  // An idle connection dropped by a failover must not crash the process; the pool reconnects.
  for (const pool of new Set([writer, reader])) {
    pool.on("error", (error) => {
      process.stderr.write(`idle database connection lost: ${error.message}\n`);
    });
  }
  const server = createApp({
    releaseId: config.releaseId,
    readStrategy: config.readStrategy,
    writer,
    reader,
    router: routerFor(config.readStrategy, { writer, reader }, config.readYourWritesWaitMs),
    assets,
    ...(assetStore === undefined ? {} : { assetStore }),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  Object.assign(server, keepAliveOutlasting(config.upstreamIdleTimeoutSeconds));
  server.listen(config.port, () => {
    process.stdout.write(`listening on ${config.port}, release ${config.releaseId}\n`);
  });
  process.once("SIGTERM", () => {
    server.close(() => {
      void Promise.all([writer.end(), reader === writer ? undefined : reader.end()]);
    });
  });
}

if (require.main === module) {
  try {
    start(loadConfig(process.env)).catch((error: unknown) => {
      process.stderr.write(
        `app: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`app: ${error.message}\n`);
    process.exitCode = 2;
  }
}
