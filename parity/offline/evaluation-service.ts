import { parentPort } from "node:worker_threads";
import { UserError } from "../../components/errors";
import { evaluateBootstrap } from "../bootstrap/evaluate-bootstrap";
import { evaluateStack, toError } from "./evaluate";
import { TAKEN, type EvaluationReply, type EvaluationRequest } from "./evaluation-protocol";

/** A failure that is not the user's (a bug): its name, `message` and stack cross back. */
function internalReply(failure: Error, message = failure.message): EvaluationReply {
  return { ok: false, user: false, name: failure.name, message, stack: failure.stack };
}

async function answer(request: EvaluationRequest): Promise<EvaluationReply> {
  try {
    const value =
      request.kind === "stack"
        ? await evaluateStack(request.options)
        : await evaluateBootstrap(request.projectDir);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, user: true, message: error.message };
    return internalReply(toError(error));
  }
}

/**
 * Answers the requests the main thread posts, one at a time, in this thread (see
 * ./evaluation-thread.ts), and calls `afterFirst` once the first is answered. A reply that cannot
 * be cloned is answered as the bug it is.
 */
export function serveEvaluations(afterFirst: () => void = () => undefined): void {
  let first = true;
  const port = parentPort;
  if (port === null) throw new Error("serveEvaluations() runs in a worker thread only");
  port.on("message", (request: EvaluationRequest) => {
    port.postMessage(TAKEN);
    void answer(request).then((reply) => {
      try {
        port.postMessage(reply);
      } catch (error) {
        const failure = toError(error);
        port.postMessage(
          internalReply(
            failure,
            `an evaluation cannot be sent to the main thread: ${failure.message}`,
          ),
        );
      }
      if (first) {
        first = false;
        afterFirst();
      }
    });
  });
}
