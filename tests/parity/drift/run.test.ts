import { reviewRun } from "../../../parity/drift/run";

const AT = new Date("2026-01-31T05:17:42Z");
const ACTIONS = {
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "acme/app",
  GITHUB_RUN_ID: "4242",
};

describe("reviewRun", () => {
  it("links the GitHub Actions run the review runs in", () => {
    expect(reviewRun(undefined, ACTIONS, AT)).toEqual({
      url: "https://github.com/acme/app/actions/runs/4242",
      at: "2026-01-31T05:17:42.000Z",
    });
  });

  it("links the run --run-url names, in Actions or not", () => {
    const url = "https://ci.example.com/runs/7";
    expect(reviewRun(url, ACTIONS, AT).url).toBe(url);
    expect(reviewRun(url, {}, AT).url).toBe(url);
  });

  it.each([
    ["outside CI", {}],
    ["when the environment names no run", { ...ACTIONS, GITHUB_RUN_ID: "" }],
  ])("links no run %s", (_where, env) => {
    expect(reviewRun(undefined, env, AT)).toEqual({
      url: undefined,
      at: "2026-01-31T05:17:42.000Z",
    });
  });

  it.each(["runs/4242", "javascript:alert(1)"])(
    "refuses a --run-url that is not a web page: %s",
    (url) => {
      expect(() => reviewRun(url, ACTIONS, AT)).toThrow(
        new Error(
          `--run-url ${JSON.stringify(url)}: is not an http(s) URL. Allowed: the page of the CI run, such as https://github.com/acme/app/actions/runs/42. Fix: pass that page, or leave --run-url out (in GitHub Actions the run's page is found from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID).`,
        ),
      );
    },
  );
});
