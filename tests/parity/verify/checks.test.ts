import { createHash } from "node:crypto";
import {
  checkAssets,
  checkAssetsImmutable,
  checkCloudflare,
  checkHsts,
  checkHtmlNotCached,
  checkMigration,
  checkNoStackTraces,
  checkRelease,
  hashedAssets,
} from "../../../parity/verify/checks";
import type { HttpAnswer } from "../../../parity/verify/http";

function answer(status: number, text: string, headers: Record<string, string> = {}): HttpAnswer {
  const body = Buffer.from(text);
  return { status, headers: new Headers(headers), body, text };
}

const SCRIPT = "console.log('r2');\n";
const SCRIPT_PATH = `/assets/app.${createHash("sha256").update(SCRIPT).digest("hex").slice(0, 12)}.js`;
const PAGE = answer(
  200,
  `<meta name="release" content="r2" /><script src="${SCRIPT_PATH}"></script><script src="${SCRIPT_PATH}"></script>`,
  { "cache-control": "public, max-age=3600" },
);

describe("verify checks", () => {
  it("finds each hashed asset the page references once", () => {
    expect(hashedAssets(PAGE.text, "/assets/")).toEqual([SCRIPT_PATH]);
  });

  it("looks for hashed assets only under the given prefix", () => {
    const page = PAGE.text.replaceAll("/assets/", "/static/v2/");
    expect(hashedAssets(page, "/assets/")).toEqual([]);
    expect(hashedAssets(page, "/static/v2/")).toEqual([
      SCRIPT_PATH.replace("/assets/", "/static/v2/"),
    ]);
  });

  it("fails the release check when the CDN serves an older page than /release", () => {
    expect(
      checkRelease(
        answer(200, '<meta name="release" content="r1" />'),
        answer(200, '{"releaseId":"r2"}'),
        "r2",
      ),
    ).toEqual({
      name: "release",
      status: "fail",
      summary:
        "The environment does not serve release r2: a stale deploy or a CDN serving an older page.",
      expected: "release r2 from /release and from the page",
      seen: '/release: "r2"; page: r1',
    });
  });

  it("fails a page that a cache may keep", () => {
    expect(checkHtmlNotCached(PAGE)).toMatchObject({
      status: "fail",
      seen: "200 with Cache-Control: public, max-age=3600",
    });
  });

  it("fails an asset whose content is not what its name was hashed from (a stale cache)", () => {
    const stale = new Map([[SCRIPT_PATH, answer(200, "console.log('r1');\n")]]);

    expect(checkAssets(PAGE, stale)).toMatchObject({
      status: "fail",
      seen: expect.stringMatching(
        new RegExp(`^${SCRIPT_PATH.replaceAll(".", "\\.")}: content hashes to [0-9a-f]{12}$`),
      ) as unknown,
    });
  });

  it("passes assets that load, match their hashes and are immutable for a year", () => {
    const fresh = new Map([
      [
        SCRIPT_PATH,
        answer(200, SCRIPT, { "cache-control": "public, max-age=31536000, immutable" }),
      ],
    ]);

    expect([checkAssets(PAGE, fresh).status, checkAssetsImmutable(fresh).status]).toEqual([
      "pass",
      "pass",
    ]);
  });

  it.each([
    ["", "no Strict-Transport-Security header"],
    ["max-age=300", "max-age=300"],
  ])("fails HSTS %j", (header, seen) => {
    const page = answer(200, "", header === "" ? {} : { "strict-transport-security": header });

    expect(checkHsts(page)).toMatchObject({ status: "fail", seen });
  });

  it("fails an error page that shows a stack trace", () => {
    const leaked = answer(
      500,
      "TypeError: x is undefined\n    at handle (/app/dist/server.js:42:7)\n",
    );

    expect(
      checkNoStackTraces([{ what: "malformed JSON to POST /notes", answer: leaked }]),
    ).toMatchObject({
      status: "fail",
      seen: expect.stringMatching(
        /^malformed JSON to POST \/notes: a JavaScript stack frame in 500 TypeError/,
      ) as unknown,
    });
  });

  it.each([
    [undefined, '{"schemaVersion":1}', "skip"],
    [2, '{"schemaVersion":2}', "pass"],
    [2, '{"schemaVersion":1}', "fail"],
  ])("with --migration %p and /release %s, the migration check is %s", (expected, body, status) => {
    expect(checkMigration(answer(200, body), expected).status).toBe(status);
  });

  it("passes answers that all came through Cloudflare", () => {
    const proxied = answer(200, "", { "cf-ray": "8f1e2d3c4b5a6978-AMS" });
    expect(
      checkCloudflare(
        new Map([
          ["/", proxied],
          ["/release", proxied],
        ]),
        true,
      ),
    ).toEqual({
      name: "cdn",
      status: "pass",
      summary: "2 answers came through Cloudflare (cf-ray).",
    });
  });

  it("fails answers that reached the origin directly, naming them", () => {
    const proxied = answer(200, "", { "cf-ray": "8f1e2d3c4b5a6978-AMS" });
    expect(
      checkCloudflare(
        new Map([
          ["/", proxied],
          [SCRIPT_PATH, answer(200, SCRIPT)],
        ]),
        true,
      ),
    ).toEqual({
      name: "cdn",
      status: "fail",
      summary:
        "Answers did not come through Cloudflare: the hostname is not proxied, or the URL is the origin's.",
      expected: "a cf-ray header on every answer",
      seen: `no cf-ray on ${SCRIPT_PATH}`,
    });
  });

  it("skips the Cloudflare check unless it is asked for", () => {
    expect(checkCloudflare(new Map([["/", PAGE]]), false)).toEqual({
      name: "cdn",
      status: "skip",
      summary: "No --through-cloudflare given.",
    });
  });
});
