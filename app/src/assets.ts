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

/** The static files of one release and the HTML page that references them. */
export interface AssetBundle {
  /** The URL prefix every asset's public path starts with. */
  readonly prefix: string;
  /** Assets by public path. */
  readonly byPath: ReadonlyMap<string, Asset>;
  /** The page, naming the release and referencing its hashed assets. */
  readonly page: string;
}

/**
 * How `{{release}}` is written into each kind of file that carries it, so that it stays inert
 * there: HTML-escaped in the page, a JSON string's content inside a script's string literal.
 */
const RELEASE_WRITERS: Readonly<Record<string, (releaseId: string) => string>> = {
  ".html": escapeHtml,
  ".js": (releaseId) => JSON.stringify(releaseId).slice(1, -1),
};

/** `body` with every `{{release}}` written as a file named like `fileName` carries it. */
function withRelease(fileName: string, body: Buffer, releaseId: string): Buffer {
  const write = RELEASE_WRITERS[path.extname(fileName)];
  if (write === undefined) return body;
  return Buffer.from(body.toString("utf8").replaceAll("{{release}}", write(releaseId)));
}

/** `app.js` + its content under `/assets/` → `/assets/app.<first 12 hex of sha256>.js`. */
export function hashedPath(fileName: string, body: Buffer, prefix: string): string {
  const ext = path.extname(fileName);
  const hash = createHash("sha256").update(body).digest("hex").slice(0, HASH_LENGTH);
  return `${prefix}${path.basename(fileName, ext)}.${hash}${ext}`;
}

/**
 * Loads `dir` for release `releaseId`: every file with a known asset extension is an asset served
 * under `prefix`, `index.html` is the page. `{{release}}` becomes the release id in the page and
 * in scripts (so a script reports the release it belongs to, and every release's script has a
 * name of its own); `{{asset:app.js}}` in the page becomes the asset's hashed path.
 */
export function loadAssets(dir: string, prefix: string, releaseId: string): AssetBundle {
  const byName = new Map<string, Asset>();
  for (const fileName of readdirSync(dir).sort()) {
    const contentType = CONTENT_TYPES[path.extname(fileName)];
    if (contentType === undefined) continue;
    const body = withRelease(fileName, readFileSync(path.join(dir, fileName)), releaseId);
    byName.set(fileName, { publicPath: hashedPath(fileName, body, prefix), contentType, body });
  }
  const template = readFileSync(path.join(dir, "index.html"));
  const page = withRelease("index.html", template, releaseId)
    .toString("utf8")
    .replace(/\{\{asset:([^}]+)\}\}/g, (_match, name: string) => {
      const asset = byName.get(name);
      if (asset === undefined) throw new Error(`index.html references unknown asset "${name}"`);
      return asset.publicPath;
    });
  return {
    prefix,
    byPath: new Map([...byName.values()].map((asset) => [asset.publicPath, asset])),
    page,
  };
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
