import { createHash, randomUUID } from "node:crypto";
import type { HttpAnswer, HttpClient } from "./http";
import type { CheckName, CheckResult } from "./types";

/** One year: the max-age of immutable assets and the HSTS minimum of the browser preload list. */
export const ONE_YEAR_SECONDS = 31_536_000;
/** How much of an unexpected body a report quotes. */
export const QUOTED_BODY_CHARS = 160;
/** Where the stacks serve hashed assets unless Pulumi.yaml's `assetPathPrefix` says otherwise. */
export const DEFAULT_ASSET_PATH_PREFIX = "/assets/";

/**
 * Hashed asset paths under `prefix` as the reference app and any conforming build name them: the
 * name, a dot, a prefix (8 to 64 hex digits) of the SHA-256 of the content, the extension.
 */
function hashedAssetPattern(prefix: string): RegExp {
  const literal = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`${literal}[A-Za-z0-9_-]+\\.([0-9a-f]{8,64})\\.[a-z0-9]+`, "g");
}

/** A path under `prefix` no build produces: asking for it must give a 404 that is not HTML. */
export function missingAssetPath(prefix: string): string {
  return `${prefix}parity-verify-missing.000000000000.js`;
}

/** What an error page must never contain: signs of a stack trace or a debug page. */
export const STACK_TRACE_SIGNS: readonly { readonly sign: string; readonly pattern: RegExp }[] = [
  // `[ \t]*`, not `\s*`: `\s` matches line breaks too, and a page of blank lines made `\n\s*`
  // backtrack from every one of them (quadratic time).
  { sign: "a JavaScript stack frame", pattern: /\n[ \t]*at \S[^\n]*:\d+:\d+/ },
  { sign: "a node_modules path", pattern: /node_modules[\\/]/ },
  { sign: "a Python traceback", pattern: /Traceback \(most recent call last\)/ },
  { sign: "a Java stack frame", pattern: /\n[ \t]*at [\w$.]+\([\w$]+\.java:\d+\)/ },
  {
    sign: "a debug page",
    pattern: /Werkzeug Debugger|Whoops!|DEBUG = True|<title>Error<\/title>/i,
  },
];

/** Error paths the no-stack-traces check provokes. */
export const ERROR_PROBES: readonly {
  readonly what: string;
  readonly path: string;
  readonly init: { method: string; headers: Record<string, string>; body: string } | undefined;
}[] = [
  {
    what: "malformed JSON to POST /notes",
    path: "/notes",
    init: { method: "POST", headers: { "content-type": "application/json" }, body: '{"slug":' },
  },
  { what: "an out-of-range note id", path: "/notes/99999999999999999999999999", init: undefined },
  { what: "a malformed percent-encoding", path: "/%E0%A4%A", init: undefined },
];

const pass = (name: CheckName, summary: string): CheckResult => ({ name, status: "pass", summary });
const fail = (name: CheckName, summary: string, expected: string, seen: string): CheckResult => ({
  name,
  status: "fail",
  summary,
  expected,
  seen,
});

/** `status` and the start of the body, as a report quotes an answer. */
export function describeAnswer(answer: HttpAnswer): string {
  const text = answer.text.replace(/\s+/g, " ").trim();
  const quoted = text.length > QUOTED_BODY_CHARS ? `${text.slice(0, QUOTED_BODY_CHARS)}…` : text;
  return `${answer.status} ${quoted === "" ? "(empty body)" : quoted}`;
}

export function checkHealthz(answer: HttpAnswer): CheckResult {
  return answer.status === 200
    ? pass("healthz", "/healthz answered 200.")
    : fail("healthz", "/healthz is not healthy.", "200", describeAnswer(answer));
}

/** The release endpoint and the page (what the CDN serves) must both name `expected`. */
export function checkRelease(page: HttpAnswer, release: HttpAnswer, expected: string): CheckResult {
  const served = releaseField(release, "releaseId");
  const inPage = /<meta name="release" content="([^"]*)"/.exec(page.text)?.[1];
  if (served === expected && inPage === expected) {
    return pass("release", `/release and the page both serve release ${expected}.`);
  }
  const seenRelease =
    served === undefined
      ? `/release: ${describeAnswer(release)}`
      : `/release: ${JSON.stringify(served)}`;
  const seenPage = inPage === undefined ? 'page: no <meta name="release">' : `page: ${inPage}`;
  return fail(
    "release",
    `The environment does not serve release ${expected}: a stale deploy or a CDN serving an older page.`,
    `release ${expected} from /release and from the page`,
    `${seenRelease}; ${seenPage}`,
  );
}

/** The header Cloudflare adds to every answer it proxies. */
export const CLOUDFLARE_HEADER = "cf-ray";

/** Every answer (the page, /release, the assets) came through Cloudflare, when that is expected. */
export function checkCloudflare(
  answers: ReadonlyMap<string, HttpAnswer>,
  expected: boolean,
): CheckResult {
  if (!expected) {
    return { name: "cdn", status: "skip", summary: "No --through-cloudflare given." };
  }
  const direct = [...answers].filter(([, answer]) => !answer.headers.has(CLOUDFLARE_HEADER));
  if (direct.length === 0) {
    return pass("cdn", `${answers.size} answers came through Cloudflare (${CLOUDFLARE_HEADER}).`);
  }
  return fail(
    "cdn",
    "Answers did not come through Cloudflare: the hostname is not proxied, or the URL is the origin's.",
    `a ${CLOUDFLARE_HEADER} header on every answer`,
    `no ${CLOUDFLARE_HEADER} on ${direct.map(([path]) => path).join(", ")}`,
  );
}

/** The page names the release's assets, so no cache may keep it. */
export function checkHtmlNotCached(page: HttpAnswer): CheckResult {
  const cacheControl = page.headers.get("cache-control") ?? "";
  const directives = cacheControl
    .toLowerCase()
    .split(",")
    .map((d) => d.trim());
  if (page.status === 200 && (directives.includes("no-store") || directives.includes("no-cache"))) {
    return pass("html-not-cached", `The page is served with Cache-Control: ${cacheControl}.`);
  }
  return fail(
    "html-not-cached",
    "The page may be cached, so a CDN or browser can keep serving the previous release.",
    "200 with Cache-Control no-store or no-cache",
    `${page.status} with Cache-Control: ${cacheControl === "" ? "(none)" : cacheControl}`,
  );
}

/** The content-hashed asset paths a page references, each once, in order. */
export function hashedAssets(html: string, prefix: string): string[] {
  return [...new Set([...html.matchAll(hashedAssetPattern(prefix))].map((match) => match[0]))];
}

/** Every referenced asset loads, and its content is the content its name was hashed from. */
export function checkAssets(
  page: HttpAnswer,
  assets: ReadonlyMap<string, HttpAnswer>,
): CheckResult {
  if (assets.size === 0) {
    return fail(
      "assets",
      "The page references no content-hashed assets, so a new release cannot be told from a cached one.",
      "script or stylesheet paths like /assets/app.<sha256 prefix>.js",
      `a ${page.text.length}-character page without them`,
    );
  }
  const problems: string[] = [];
  for (const [path, answer] of assets) {
    const hash = /\.([0-9a-f]{8,64})\.[a-z0-9]+$/.exec(path)?.[1] ?? "";
    const actual = createHash("sha256").update(answer.body).digest("hex");
    if (answer.status !== 200) problems.push(`${path}: ${describeAnswer(answer)}`);
    else if (!actual.startsWith(hash))
      problems.push(`${path}: content hashes to ${actual.slice(0, hash.length)}`);
  }
  if (problems.length === 0) {
    return pass("assets", `${assets.size} hashed assets load and match their hashes.`);
  }
  return fail(
    "assets",
    `${problems.length} of ${assets.size} assets the page references do not load or are not the content their name promises (a stale cache).`,
    "200 and content whose SHA-256 starts with the hash in the name",
    problems.join("; "),
  );
}

/** Assets never change under the same name, so they must be cacheable for a year and immutable. */
export function checkAssetsImmutable(assets: ReadonlyMap<string, HttpAnswer>): CheckResult {
  const problems = [...assets]
    .filter(([, answer]) => {
      const directives = (answer.headers.get("cache-control") ?? "").toLowerCase();
      const maxAge = Number(/max-age=(\d+)/.exec(directives)?.[1] ?? 0);
      return !directives.includes("immutable") || maxAge < ONE_YEAR_SECONDS;
    })
    .map(
      ([path, answer]) =>
        `${path}: Cache-Control: ${answer.headers.get("cache-control") ?? "(none)"}`,
    );
  if (assets.size > 0 && problems.length === 0) {
    return pass("assets-immutable", `${assets.size} hashed assets are immutable for a year.`);
  }
  return fail(
    "assets-immutable",
    assets.size === 0 ? "No hashed assets to check." : "Hashed assets are not cached as immutable.",
    `Cache-Control with immutable and max-age >= ${ONE_YEAR_SECONDS}`,
    problems.length === 0 ? "no assets" : problems.join("; "),
  );
}

/**
 * The assets of the release being replaced still load, as immutable, from the new one: a page of
 * the old release (a rollout in progress, a tab left open) finds its scripts after the deploy.
 */
export function checkPreviousAssets(
  assets: ReadonlyMap<string, HttpAnswer> | undefined,
): CheckResult {
  if (assets === undefined) {
    return {
      name: "previous-assets",
      status: "skip",
      summary: "No --previous-page given, so the previous release's assets are not checked.",
    };
  }
  const missing = [...assets]
    .filter(([, answer]) => answer.status !== 200)
    .map(([path, answer]) => `${path}: ${describeAnswer(answer)}`);
  if (missing.length === 0) {
    return pass(
      "previous-assets",
      `${assets.size} assets of the release being replaced still load from this one.`,
    );
  }
  return fail(
    "previous-assets",
    `${missing.length} of ${assets.size} assets of the release being replaced no longer load: its open pages break after the deploy (version skew).`,
    "200 for every asset the previous release's page references",
    missing.join("; "),
  );
}

/** An unknown asset must be a 404, never the HTML page (which a CDN would cache as the script). */
export function checkMissingAsset(answer: HttpAnswer): CheckResult {
  const contentType = answer.headers.get("content-type") ?? "";
  if (answer.status === 404 && !contentType.includes("text/html")) {
    return pass(
      "missing-asset",
      `An unknown asset is a 404 (${contentType === "" ? "no body type" : contentType}).`,
    );
  }
  return fail(
    "missing-asset",
    "An unknown asset is not a plain 404: a missing file would be cached as something else.",
    "404, not text/html",
    `${answer.status} ${contentType}`,
  );
}

/**
 * Writes a note through the app, then reads it back `reads` times at once with the session's
 * cookies: every read must see it. Replica lag without read-your-writes makes reads miss.
 */
export async function checkReadYourWrites(client: HttpClient, reads: number): Promise<CheckResult> {
  const token = randomUUID();
  const note = { slug: `parity-verify-${token}`, body: `written by parity verify ${token}` };
  const written = await client.request("/notes", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(note),
  });
  const id = jsonField(written, "id");
  if (written.status !== 201 || typeof id !== "string") {
    return fail(
      "read-your-writes",
      "The write through the app failed.",
      "201 with the note's id",
      describeAnswer(written),
    );
  }
  const cookie = written.headers
    .getSetCookie()
    .map((header) => header.split(";")[0] ?? "")
    .join("; ");
  const misses: string[] = [];
  for (let read = 1; read <= reads; read++) {
    const answer = await client.request(`/notes/${id}`, {
      headers: cookie === "" ? {} : { cookie },
    });
    if (answer.status !== 200 || jsonField(answer, "body") !== note.body) {
      misses.push(`read ${read}: ${describeAnswer(answer)}`);
    }
  }
  if (misses.length === 0) {
    return pass("read-your-writes", `All ${reads} reads right after the write saw it.`);
  }
  return fail(
    "read-your-writes",
    `${misses.length} of ${reads} reads right after a write did not see it: reads hit a lagging replica.`,
    `every read of note ${id} returns it`,
    misses.slice(0, 3).join("; ") + (misses.length > 3 ? `; … ${misses.length - 3} more` : ""),
  );
}

/** The schema version the app reports (from its database) must be `expected`. */
export function checkMigration(release: HttpAnswer, expected: number | undefined): CheckResult {
  if (expected === undefined) {
    return { name: "migration", status: "skip", summary: "No --migration given." };
  }
  const version = releaseField(release, "schemaVersion");
  if (version === expected) {
    return pass("migration", `The database schema is at version ${expected}.`);
  }
  return fail(
    "migration",
    `The database schema is not at version ${expected}: migrations did not run, or ran ahead.`,
    `schemaVersion ${expected} from /release`,
    version === undefined ? describeAnswer(release) : `schemaVersion ${JSON.stringify(version)}`,
  );
}

/** Error paths answer without stack traces or debug pages. */
export function checkNoStackTraces(
  probes: readonly { what: string; answer: HttpAnswer }[],
): CheckResult {
  const problems = probes.flatMap(({ what, answer }) =>
    STACK_TRACE_SIGNS.filter(({ pattern }) => pattern.test(answer.text)).map(
      ({ sign }) => `${what}: ${sign} in ${describeAnswer(answer)}`,
    ),
  );
  if (problems.length === 0) {
    return pass(
      "no-stack-traces",
      `${probes.length} error paths answer without stack traces or debug pages.`,
    );
  }
  return fail(
    "no-stack-traces",
    "Error responses leak internals: debug settings are on.",
    "error responses without stack traces",
    problems.join("; "),
  );
}

/**
 * Plain HTTP must redirect to HTTPS on the same host. For an https:// URL the check asks the http://
 * URL; for an http:// URL (an origin, a local run) it says the client came over HTTP the way a load
 * balancer does, with `X-Forwarded-Proto: http`.
 */
export async function checkHttpsRedirect(client: HttpClient, base: URL): Promise<CheckResult> {
  const plain = new URL("/", base);
  plain.protocol = "http:";
  const answer = await client.request(plain.href, {
    headers: base.protocol === "http:" ? { "x-forwarded-proto": "http" } : {},
  });
  const location = answer.headers.get("location") ?? "";
  let target: URL | undefined;
  try {
    target = new URL(location, plain);
  } catch {
    target = undefined;
  }
  if (
    [301, 302, 307, 308].includes(answer.status) &&
    target?.protocol === "https:" &&
    target.hostname === base.hostname
  ) {
    return pass("https-redirect", `HTTP is redirected (${answer.status}) to ${target.href}.`);
  }
  return fail(
    "https-redirect",
    "Plain HTTP is not redirected to HTTPS.",
    `a redirect to https://${base.hostname}/`,
    `${answer.status}${location === "" ? " without Location" : ` to ${location}`}`,
  );
}

/** Strict-Transport-Security on the page, for at least a year. */
export function checkHsts(page: HttpAnswer): CheckResult {
  const header = page.headers.get("strict-transport-security") ?? "";
  const maxAge = Number(/max-age=(\d+)/i.exec(header)?.[1] ?? 0);
  if (maxAge >= ONE_YEAR_SECONDS) {
    return pass("hsts", `Strict-Transport-Security: ${header}.`);
  }
  return fail(
    "hsts",
    "Browsers are not told to insist on HTTPS.",
    `Strict-Transport-Security with max-age >= ${ONE_YEAR_SECONDS}`,
    header === "" ? "no Strict-Transport-Security header" : header,
  );
}

function jsonField(answer: HttpAnswer, field: string): unknown {
  try {
    const value: unknown = JSON.parse(answer.text);
    return typeof value === "object" && value !== null && field in value
      ? (value as Record<string, unknown>)[field]
      : undefined;
  } catch {
    return undefined;
  }
}

function releaseField(release: HttpAnswer, field: string): unknown {
  return release.status === 200 ? jsonField(release, field) : undefined;
}

/** Fetches each of `paths`, in order. */
export async function fetchPaths(
  client: HttpClient,
  paths: readonly string[],
): Promise<Map<string, HttpAnswer>> {
  const answers = new Map<string, HttpAnswer>();
  for (const path of paths) answers.set(path, await client.request(path));
  return answers;
}

/** Fetches every hashed asset under `prefix` the page references. */
export function fetchAssets(
  client: HttpClient,
  page: HttpAnswer,
  prefix: string,
): Promise<Map<string, HttpAnswer>> {
  return fetchPaths(client, hashedAssets(page.text, prefix));
}

/** Provokes each of {@link ERROR_PROBES}; a read-only run only those sent with GET. */
export async function provokeErrors(
  client: HttpClient,
  readOnly: boolean,
): Promise<{ what: string; answer: HttpAnswer }[]> {
  const answers: { what: string; answer: HttpAnswer }[] = [];
  for (const probe of ERROR_PROBES) {
    if (readOnly && probe.init !== undefined && probe.init.method !== "GET") continue;
    answers.push({ what: probe.what, answer: await client.request(probe.path, probe.init) });
  }
  return answers;
}
