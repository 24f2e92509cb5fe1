import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { hashedPath, loadAssets } from "../../app/src/assets";
import { STATIC_DIR } from "../../app/src/main";

describe("content-hashed assets", () => {
  it("names an asset after the first 12 hex digits of the SHA-256 of its content", () => {
    const body = Buffer.from("console.log(1);\n");
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 12);

    expect(hashedPath("app.js", body, "/assets/")).toBe(`/assets/app.${hash}.js`);
    expect(hashedPath("app.js", body, "/static/v2/")).toBe(`/static/v2/app.${hash}.js`);
  });

  it("renders the page with the release id escaped and only this build's hashed assets", () => {
    const bundle = loadAssets(STATIC_DIR, "/static/");
    const script = hashedPath("app.js", readFileSync(path.join(STATIC_DIR, "app.js")), "/static/");
    const style = hashedPath("app.css", readFileSync(path.join(STATIC_DIR, "app.css")), "/static/");

    const page = bundle.page('r1"<b>');

    expect(bundle.prefix).toBe("/static/");
    expect([...bundle.byPath.keys()].sort()).toEqual([style, script].sort());
    expect(page).toContain(`<script defer src="${script}"></script>`);
    expect(page).toContain(`<link rel="stylesheet" href="${style}" />`);
    expect(page).toContain('<meta name="release" content="r1&quot;&lt;b&gt;" />');
    expect(page).not.toContain("{{");
  });
});
