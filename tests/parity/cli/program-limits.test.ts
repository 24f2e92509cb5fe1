import { runCli } from "./run-cli";

describe("the limits on evaluating the team's program", () => {
  it.each([
    ["plan", "--program-timeout", "0"],
    ["plan", "--program-memory", "-1"],
    ["diff", "--program-timeout", "1.5"],
    ["diff", "--program-memory", "lots"],
  ])("parity %s refuses %s %s with one line, before evaluating", async (command, option, value) => {
    const args = command === "diff" ? ["diff", "staging", "prod"] : ["plan"];
    const result = await runCli(...args, option, value);

    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `parity: option '${option} <${option === "--program-timeout" ? "seconds" : "MiB"}>' argument '${value}' is invalid. expected a whole number of 1 or more, got "${value}". See parity ${command} --help.\n`,
    });
  });
});
