import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dockerfilePins, workflowPins } from "../../../parity/versions/pins";

describe("pinned Node.js versions", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "parity-pins-"));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  it("reads the release line of each build context's base image, with its line", () => {
    write(
      "app/Dockerfile",
      "# node:18 in a comment is not a pin\nARG NODE_IMAGE=node:22-bookworm-slim@sha256:0123\nFROM ${NODE_IMAGE}\n",
    );
    write("worker/Dockerfile", "FROM public.ecr.aws/docker/library/node:24.3-alpine AS build\n");
    write("python/Dockerfile", "FROM python:3.13-slim\n");
    expect(dockerfilePins(dir, ["app", "worker", "python", "app", "missing"])).toEqual([
      { calendar: "nodejs", version: "22", where: "app/Dockerfile:2", setting: "the base image" },
      {
        calendar: "nodejs",
        version: "24",
        where: "worker/Dockerfile:1",
        setting: "the base image",
      },
    ]);
  });

  it("reads node-version in every workflow and composite action", () => {
    write(
      ".github/workflows/ci.yml",
      "steps:\n  - uses: actions/setup-node@x\n    with:\n      node-version: 20\n",
    );
    write(
      ".github/actions/setup/action.yml",
      "runs:\n  steps:\n    - with:\n        node-version: '22.x'\n",
    );
    expect(workflowPins(dir)).toEqual([
      {
        calendar: "nodejs",
        version: "20",
        where: ".github/workflows/ci.yml:4",
        setting: "node-version",
      },
      {
        calendar: "nodejs",
        version: "22",
        where: ".github/actions/setup/action.yml:4",
        setting: "node-version",
      },
    ]);
  });
});
