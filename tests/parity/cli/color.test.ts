import { useColor } from "../../../parity/cli/color";

describe("when the terminal output is coloured", () => {
  it.each<[string, boolean, Record<string, string>, boolean]>([
    ["a terminal", true, {}, true],
    ["a pipe", false, {}, false],
    ["a terminal with NO_COLOR", true, { NO_COLOR: "1" }, false],
    ["a terminal with an empty NO_COLOR", true, { NO_COLOR: "" }, true],
    ["a pipe with FORCE_COLOR", false, { FORCE_COLOR: "1" }, true],
    ["a terminal with FORCE_COLOR=0", true, { FORCE_COLOR: "0" }, false],
    ["FORCE_COLOR over NO_COLOR", false, { FORCE_COLOR: "true", NO_COLOR: "1" }, true],
  ])("decides for %s", (_what, isTty, env, expected) => {
    expect(useColor(isTty, env)).toBe(expected);
  });
});
