import * as pulumi from "@pulumi/pulumi";
import path from "node:path";
import { loadSpec } from "../stacks/loader";
import { defineStack } from "./program";

// The Pulumi program (`main` in Pulumi.yaml). The spec is validated before any resource is
// registered, so a config mistake stops the run with a message and nothing half-created.
const spec = loadSpec({
  projectDir: path.resolve(__dirname, ".."),
  stack: pulumi.getStack(),
  config: pulumi.runtime.allConfig(),
});

export = defineStack(spec);
