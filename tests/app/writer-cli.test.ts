import { spawnSync } from "node:child_process";
import path from "node:path";
import { PROJECT_DIR } from "../helpers/temp-project";

const REGISTER = path.join(PROJECT_DIR, "parity/cli/register.js");

describe("the image's one-off commands on the writer", () => {
  it.each(["migrate-cli.ts", "mask-cli.ts"])(
    "%s refuses a mistake in its environment in one line with exit 2, touching no database",
    (cli) => {
      const run = spawnSync(
        process.execPath,
        ["-r", REGISTER, path.join(PROJECT_DIR, "app/src", cli)],
        { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8" },
      );
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: 2,
        stderr:
          "app: RELEASE_ID must be set (it is empty or missing). See the environment contract in app/src/config.ts.\n",
      });
    },
  );
});
