import type { EvaluatedBootstrap } from "../bootstrap/evaluate-bootstrap";
import type { EvaluatedStack, EvaluateOptions } from "./evaluate";

/** What the evaluation thread is asked: one stack of a project, or the project's bootstrap. */
export type EvaluationRequest =
  | { readonly kind: "stack"; readonly options: EvaluateOptions }
  | { readonly kind: "bootstrap"; readonly projectDir: string };

/** What it answers, by structured clone: the evaluation, or what stopped it. */
export type EvaluationReply =
  | { readonly ok: true; readonly value: EvaluatedStack | EvaluatedBootstrap }
  | { readonly ok: false; readonly user: true; readonly message: string }
  | {
      readonly ok: false;
      readonly user: false;
      readonly name: string;
      readonly message: string;
      readonly stack: string | undefined;
    };

/** What the thread posts first when it takes a request: the request's deadline starts. */
export const TAKEN = "taken";
