import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks, type MockRun } from "../../parity/offline/evaluate";
import { StrictMocks } from "./strict-mocks";

/**
 * Runs `program` (which creates components) under the strict mocks as stack `test` in eu-west-1,
 * with no project config, and returns every registration and the resolved return value.
 */
export function runComponent(program: () => unknown, stack = "test"): Promise<MockRun> {
  return runUnderMocks(pulumi, { project: "parity-stack", stack, config: {} }, program, {
    mocks: new StrictMocks(stack),
  });
}
