import { errorAnnotations, githubContext } from "../../../parity/cli/github-context";

describe("what GitHub Actions tells a report", () => {
  it("names the commit and the run from the variables Actions sets", () => {
    expect(
      githubContext({
        GITHUB_SHA: "0123456789abcdef",
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "acme/shop",
        GITHUB_RUN_ID: "42",
      }),
    ).toEqual({
      commit: "0123456789abcdef",
      runUrl: "https://github.com/acme/shop/actions/runs/42",
    });
    expect(githubContext({})).toEqual({});
  });

  it("writes one error annotation per finding, escaped as the runner reads workflow commands", () => {
    expect(
      errorAnnotations([{ title: "Bring-up, teardown: x", text: "100% broken\nsecond line" }]),
    ).toBe("::error title=Bring-up%2C teardown%3A x::100%25 broken%0Asecond line\n");
  });

  it("places a finding on the line of the program that registered the resource", () => {
    expect(
      errorAnnotations([{ title: "Parity", text: "only prod has it", where: "infra/index.ts:16" }]),
    ).toBe("::error file=infra/index.ts,line=16,title=Parity::only prod has it\n");
  });
});
