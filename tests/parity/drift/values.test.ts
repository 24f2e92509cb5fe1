import { maskValue, parsePropertyPath, valueAt } from "../../../parity/drift/values";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

describe("parsePropertyPath", () => {
  it.each([
    ["oof", ["oof"]],
    ["tags.Name", ["tags", "Name"]],
    ["ingress[0].cidrBlocks[1]", ["ingress", 0, "cidrBlocks", 1]],
    ['tags["kubernetes.io/role"]', ["tags", "kubernetes.io/role"]],
  ])("splits %s into its segments", (path, segments) => {
    expect(parsePropertyPath(path)).toEqual(segments);
  });

  it.each([[""], [".tags"], ["tags[x]"]])("refuses the malformed path %j", (path) => {
    expect(parsePropertyPath(path)).toBeUndefined();
  });
});

describe("maskValue", () => {
  it("masks secrets however deep they are and keeps everything else", () => {
    expect(
      maskValue({
        password: { ...SECRET, ciphertext: "v1:abc" },
        list: [{ ...SECRET, plaintext: '"x"' }],
        port: 5432,
      }),
    ).toEqual({ password: "[secret]", list: ["[secret]"], port: 5432 });
  });
});

describe("valueAt", () => {
  const inputs = {
    tags: { Name: "web" },
    rules: [{ port: 443 }],
    env: { ...SECRET, plaintext: "{}" },
  };

  it.each([
    ["tags.Name", { found: true, value: "web" }],
    ["rules[0].port", { found: true, value: 443 }],
    ["env.DATABASE_URL", { found: true, value: "[secret]" }],
    ["tags.Owner", { found: false, value: undefined }],
    ["rules[3]", { found: false, value: undefined }],
  ])("looks up %s", (path, expected) => {
    expect(valueAt(inputs, path)).toEqual(expected);
  });
});
