import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Asset, AssetBundle } from "./assets";
import { IMMUTABLE } from "./cache-control";

/**
 * Where every release's hashed assets outlive the release: each task publishes its own when it
 * starts, and serves from here an asset its own build lacks. During a rolling deploy a page of one
 * release asks for assets that land on a task of the other, and a tab left open asks for the old
 * release's scripts long after it is gone; with the store, both are answered.
 */
export interface AssetStore {
  /** Copies every asset of `bundle` to the store, under its public path. */
  publish(bundle: AssetBundle): Promise<void>;
  /** The asset of an earlier (or later) release stored under `publicPath`, if any. */
  fetch(publicPath: string): Promise<Asset | undefined>;
}

/** The object key of a public path: `/assets/app.3f2a9c0b1d4e.js` → `assets/app.3f2a9c0b1d4e.js`. */
function keyOf(publicPath: string): string {
  return publicPath.replace(/^\/+/, "");
}

/** An {@link AssetStore} in an S3 bucket (the stack's asset bucket, `ASSET_STORE_BUCKET`). */
export function s3AssetStore(client: Pick<S3Client, "send">, bucket: string): AssetStore {
  return {
    async publish(bundle) {
      for (const asset of bundle.byPath.values()) {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: keyOf(asset.publicPath),
            Body: asset.body,
            ContentType: asset.contentType,
            CacheControl: IMMUTABLE,
          }),
        );
      }
    },
    async fetch(publicPath) {
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: keyOf(publicPath) }),
        );
        const body = await object.Body?.transformToByteArray();
        if (body === undefined) return undefined;
        return {
          publicPath,
          contentType: object.ContentType ?? "application/octet-stream",
          body: Buffer.from(body),
        };
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
  };
}
