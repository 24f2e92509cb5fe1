import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./harness/steps";

const files = [
  ...readdirSync(path.join(ROOT, ".github/workflows"))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `.github/workflows/${file}`),
  ...readdirSync(path.join(ROOT, ".github/actions")).map(
    (dir) => `.github/actions/${dir}/action.yml`,
  ),
];

/** What GitHub's language service (the one its editor extension runs) reports, one line each. */
async function validateFile(file: string, text: string): Promise<string[]> {
  const { validate } = await import("@actions/languageservice");
  const { TextDocument } = await import("vscode-languageserver-textdocument");
  const found = await validate(TextDocument.create(`file:///${file}`, "yaml", 1, text));
  return found.map(
    (d) =>
      `${String(d.range.start.line + 1)}: ${typeof d.message === "string" ? d.message : d.message.value}`,
  );
}

describe("@actions/languageservice", () => {
  it.each(files)("reports nothing in %s", async (file) => {
    expect(await validateFile(file, readFileSync(path.join(ROOT, file), "utf8"))).toEqual([]);
  });

  it("reports an unknown key, job and context in a workflow, and knows vars", async () => {
    const workflow = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    timeout-minute: 5",
      "    steps:",
      "      - run: echo",
      "        env:",
      "          X: ${{ needs.b.outputs.x }}",
      "          Y: ${{ secret.Y }}",
      "          Z: ${{ vars.STACK_CAP }}",
      "",
    ].join("\n");
    expect((await validateFile(".github/workflows/x.yml", workflow)).sort()).toEqual([
      "10: Unrecognized named-value: 'secret'",
      "5: Unexpected value 'timeout-minute'",
      "9: Context access might be invalid: b",
    ]);
  });

  it("reports an unknown key and context in a composite action", async () => {
    const action = [
      "name: x",
      "description: y",
      "runs:",
      "  using: composite",
      "  steps:",
      "    - run: echo",
      "      shell: bash",
      "      nam: x",
      "      env:",
      "        X: ${{ input.y }}",
      "",
    ].join("\n");
    expect(await validateFile(".github/actions/x/action.yml", action)).toEqual([
      "8: Unexpected value 'nam'",
      "10: Unrecognized named-value: 'input'",
    ]);
  });
});
