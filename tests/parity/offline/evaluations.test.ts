import { Evaluations } from "../../../parity/offline/evaluations";
import { PROJECT_DIR } from "../../helpers/temp-project";

describe("evaluations shared by one plan", () => {
  it("evaluates a project's bootstrap once, for the policy pack and the bootstrap's rules alike", async () => {
    const evaluations = new Evaluations();
    const first = evaluations.bootstrap(PROJECT_DIR);
    const second = evaluations.bootstrap(PROJECT_DIR);
    expect(second).toBe(first);
    const bootstrap = await first;
    expect(bootstrap.stack).toBe("org");
    expect(bootstrap.resources.length).toBeGreaterThan(0);
  });
});
