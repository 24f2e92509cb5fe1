import type { AddressInfo } from "node:net";
import type { Pool } from "pg";
import type { AssetStore } from "../../app/src/asset-store";
import { loadAssets, type AssetBundle } from "../../app/src/assets";
import type { ReadStrategyName } from "../../app/src/config";
import { STATIC_DIR } from "../../app/src/main";
import { routerFor } from "../../app/src/reads";
import { createApp } from "../../app/src/server";

/** The reference app listening on 127.0.0.1, started in this process. */
export interface RunningApp {
  readonly url: string;
  /** Server-side error log lines (never sent to clients). */
  readonly errors: readonly string[];
  close(): Promise<void>;
}

/** Starts the reference app on a free loopback port against the given pools. */
export async function startApp(options: {
  writer: Pool;
  reader: Pool;
  readStrategy: ReadStrategyName;
  releaseId: string;
  readYourWritesWaitMs?: number;
  /** Where the hashed assets are served (the app's default when not given). */
  assetPathPrefix?: string;
  /** The page and assets to serve instead of app/static's for `releaseId` (a broken build). */
  assets?: AssetBundle;
  /** Every release's assets, as the app's ASSET_STORE_BUCKET gives them. */
  assetStore?: AssetStore;
}): Promise<RunningApp> {
  const errors: string[] = [];
  const server = createApp({
    releaseId: options.releaseId,
    readStrategy: options.readStrategy,
    writer: options.writer,
    reader: options.reader,
    router: routerFor(
      options.readStrategy,
      { writer: options.writer, reader: options.reader },
      options.readYourWritesWaitMs ?? 250,
    ),
    assets:
      options.assets ??
      loadAssets(STATIC_DIR, options.assetPathPrefix ?? "/assets/", options.releaseId),
    ...(options.assetStore === undefined ? {} : { assetStore: options.assetStore }),
    log: (line) => errors.push(line),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    errors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
