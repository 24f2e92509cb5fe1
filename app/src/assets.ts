import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/** How many hex characters of the SHA-256 of its content an asset's public name carries. */
export const HASH_LENGTH = 12;

/** One static file, served under a name that changes whenever its content does. */
export interface Asset {
  /** `/assets/app.3f2a9c0b1d4e.js` */
  readonly publicPath: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Content types of the asset kinds the app ships. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** The static files of one build and the HTML page that references them. */
export interface AssetBundle {
  /** The URL prefix every asset's public path starts with. */
  readonly prefix: string;
  /** Assets by public path. */
  readonly byPath: ReadonlyMap<string, Asset>;
  /** The page for `releaseId`, referencing this build's hashed assets. */
  page(releaseId: string): string;
}

/** `app.js` + its content under `/assets/` → `/assets/app.<first 12 hex of sha256>.js`. */
export function hashedPath(fileName: string, body: Buffer, prefix: string): string {
  const ext = path.extname(fileName);
  const hash = createHash("sha256").update(body).digest("hex").slice(0, HASH_LENGTH);
  return `${prefix}${path.basename(fileName, ext)}.${hash}${ext}`;
}

/**
 * Loads `dir`: every file with a known asset extension is an asset served under `prefix`,
 * `index.html` is the page
 * template, in which `{{asset:app.js}}` becomes the asset's hashed path and `{{release}}` the
 * release id (HTML-escaped).
 */
export function loadAssets(dir: string, prefix: string): AssetBundle {
  const byName = new Map<string, Asset>();
  for (const fileName of readdirSync(dir).sort()) {
    const contentType = CONTENT_TYPES[path.extname(fileName)];
    if (contentType === undefined) continue;
    const body = readFileSync(path.join(dir, fileName));
    byName.set(fileName, { publicPath: hashedPath(fileName, body, prefix), contentType, body });
  }
  const template = readFileSync(path.join(dir, "index.html"), "utf8").replace(
    /\{\{asset:([^}]+)\}\}/g,
    (_match, name: string) => {
      const asset = byName.get(name);
      if (asset === undefined) throw new Error(`index.html references unknown asset "${name}"`);
      return asset.publicPath;
    },
  );
  return {
    prefix,
    byPath: new Map([...byName.values()].map((asset) => [asset.publicPath, asset])),
    page: (releaseId) => template.replaceAll("{{release}}", escapeHtml(releaseId)),
  };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
