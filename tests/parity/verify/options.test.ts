import { parseVerifyOptions } from "../../../parity/verify/options";

describe("parseVerifyOptions", () => {
  it("applies the defaults and keeps --migration when given", () => {
    expect(
      parseVerifyOptions("https://staging.example.com", { release: "r2", migration: 2 }),
    ).toEqual({
      url: new URL("https://staging.example.com/"),
      release: "r2",
      migration: 2,
      reads: 20,
      timeoutMs: 10_000,
      deadlineMs: 120_000,
      readOnly: false,
      throughCloudflare: false,
      assetPathPrefix: "/assets/",
    });
  });

  it("keeps the stacks' asset prefix when given", () => {
    expect(
      parseVerifyOptions("https://app.example.com", { release: "r2", assetPathPrefix: "/static/" })
        .assetPathPrefix,
    ).toBe("/static/");
  });

  it("keeps --read-only and --through-cloudflare", () => {
    expect(
      parseVerifyOptions("https://app.example.com", {
        release: "r2",
        readOnly: true,
        throughCloudflare: true,
      }),
    ).toMatchObject({ readOnly: true, throughCloudflare: true });
  });

  it.each([
    [
      "staging.example.com",
      { release: "r2" },
      'verify: "staging.example.com" is not a URL. Pass the environment\'s base URL, e.g. https://staging.example.com.',
    ],
    [
      "https://staging.example.com",
      { release: " " },
      "verify: --release must name the release id the environment should serve.",
    ],
    [
      "https://staging.example.com",
      { release: "r2", reads: 0 },
      "verify: --reads must be at least 1 (got 0).",
    ],
    [
      "https://staging.example.com",
      { release: "r2", timeout: 0 },
      "verify: --timeout must be at least 1 ms (got 0).",
    ],
    [
      "https://staging.example.com",
      { release: "r2", assetPathPrefix: "static" },
      'verify: --asset-path-prefix must be a URL path of lower-case segments that starts and ends with "/", such as "/assets/" (got "static"); pass the stacks\' assetPathPrefix from Pulumi.yaml.',
    ],
  ])("refuses %s with %o", (url, raw, message) => {
    expect(() => parseVerifyOptions(url, raw)).toThrow(message);
  });
});

describe("--previous-page", () => {
  it("takes the hashed assets the previous release's page references", () => {
    const html =
      '<script src="/assets/app.0123456789ab.js"></script><link href="/assets/app.ba9876543210.css">';
    expect(
      parseVerifyOptions("https://staging.example.com", {
        release: "r2",
        previousPage: { file: "previous-page.html", html },
      }).previousAssets,
    ).toEqual(["/assets/app.0123456789ab.js", "/assets/app.ba9876543210.css"]);
  });

  it("refuses a page that references no hashed asset, which would compare nothing", () => {
    expect(() =>
      parseVerifyOptions("https://staging.example.com", {
        release: "r2",
        previousPage: { file: "previous-page.html", html: "<h1>502 Bad Gateway</h1>" },
      }),
    ).toThrow(
      "verify: --previous-page previous-page.html references no hashed assets under /assets/, so nothing of the previous release could be checked. Save the live page before the deploy (curl -fsS <url>/ > FILE) and pass that file.",
    );
  });
});
