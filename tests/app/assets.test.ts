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

  it("renders the page with the release id escaped and only this release's hashed assets", () => {
    const bundle = loadAssets(STATIC_DIR, "/static/", 'r1"<b>');
    const scriptBody = readFileSync(path.join(STATIC_DIR, "app.js"), "utf8").replaceAll(
      "{{release}}",
      'r1\\"<b>',
    );
    const script = hashedPath("app.js", Buffer.from(scriptBody), "/static/");
    const style = hashedPath("app.css", readFileSync(path.join(STATIC_DIR, "app.css")), "/static/");

    const page = bundle.page;

    expect(bundle.prefix).toBe("/static/");
    expect([...bundle.byPath.keys()].sort()).toEqual([style, script].sort());
    expect(page).toContain(`<script defer src="${script}"></script>`);
    expect(page).toContain(`<link rel="stylesheet" href="${style}" />`);
    expect(page).toContain('<meta name="release" content="r1&quot;&lt;b&gt;" />');
    expect(page).not.toContain("{{");
  });

  it("writes the release into the script as a string literal, so each release's script has a name of its own", () => {
    const load = (releaseId: string) => loadAssets(STATIC_DIR, "/assets/", releaseId);
    const scriptOf = (releaseId: string) =>
      [...load(releaseId).byPath.values()].find((asset) => asset.publicPath.endsWith(".js"));

    const script = scriptOf('r2"\\');

    expect(script?.body.toString("utf8")).toContain('const SCRIPT_RELEASE = "r2\\"\\\\";');
    expect(scriptOf("r1")?.publicPath).not.toBe(scriptOf("r2")?.publicPath);
    expect(load("r1").page).toContain(`src="${scriptOf("r1")?.publicPath ?? ""}"`);
  });
});
