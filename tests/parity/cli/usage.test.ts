import { usageLine } from "../../../parity/cli/usage";
import { runCli } from "./run-cli";

describe("a usage mistake", () => {
  it.each([
    [
      ["diff", "--jsn", "out.json", "a", "b"],
      "unknown option '--jsn' (did you mean --json?)",
      "diff",
    ],
    [["diff", "staging"], "missing required argument 'b'", "diff"],
    [["dif", "staging", "prod"], "unknown command 'dif' (did you mean diff?)", ""],
    [
      ["verify", "https://staging.example.com"],
      "required option '--release <id>' not specified",
      "verify",
    ],
    [
      ["verify", "https://staging.example.com", "--release", "r1", "--reads", "many"],
      `option '--reads <n>' argument 'many' is invalid. expected a whole number, got "many"`,
      "verify",
    ],
    [["plan", "staging"], "too many arguments for 'plan'. Expected 0 arguments but got 1", "plan"],
  ])("%j is one line pointing at the command's --help, exit 2", async (args, problem, command) => {
    const help = command === "" ? "parity --help" : `parity ${command} --help`;

    expect(await runCli(...args)).toEqual({
      code: 2,
      stdout: "",
      stderr: `parity: ${problem}. See ${help}.\n`,
    });
  });

  it("joins commander's suggestion of several names into the line", () => {
    expect(
      usageLine(
        "error: unknown option '--re'\n(Did you mean one of --reads, --release?)\n",
        "parity verify",
      ),
    ).toBe(
      "parity: unknown option '--re' (did you mean one of --reads, --release?). See parity verify --help.\n",
    );
  });
});

describe("--help", () => {
  it("marks the options a command cannot run without as required, and no others", async () => {
    const { code, stdout } = await runCli("admit", "--help");

    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ {2}--stacks <file> +output of `pulumi stack ls --json` \(required\)$/m,
    );
    expect(stdout).toMatch(/^ {2}--stack <name> +the pull-request stack, pr-<n> \(required\)$/m);
    expect(stdout.match(/\(required\)/g)).toHaveLength(2);
  });
});
