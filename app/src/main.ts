import path from "node:path";
import { loadAssets } from "./assets";
import { ConfigError, loadConfig, type AppConfig } from "./config";
import { createPools } from "./db";
import { routerFor } from "./reads";
import { keepAliveOutlasting } from "./keep-alive";
import { createApp } from "./server";

/** The static files, next to `src/` (sources) and `dist/` (the built image). */
export const STATIC_DIR = path.join(__dirname, "..", "static");

function start(config: AppConfig): void {
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
    assets: loadAssets(STATIC_DIR, config.assetPathPrefix, config.releaseId),
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
    start(loadConfig(process.env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`app: ${error.message}\n`);
    process.exitCode = 2;
  }
}
