import { realpathSync } from "node:fs";
import path from "node:path";
import { UserError } from "../../components/errors";
import { sourceLine } from "./source-line";

/** The checker's own folder: frames in it are the checker's, never the program's. */
const CHECKER_DIR = path.resolve(__dirname, "..");
/** A stack frame's file, line and column, with or without a function name in front. */
const FRAME = /^\s*at (?:.*? \()?((?:\/|[A-Za-z]:\\).+?):(\d+):(\d+)\)?$/;
/** Where SWC reports a syntax error: `,-[<file>:<line>:<column>]`. */
const SYNTAX_ERROR = /,-\[(.+?):(\d+):(\d+)\]/;

interface Place {
  readonly file: string;
  readonly line: number;
}

function inProgram(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return (
    relative !== "" &&
    !relative.startsWith("..") &&
    !path.isAbsolute(relative) &&
    !relative.split(path.sep).includes("node_modules") &&
    path.relative(CHECKER_DIR, file).startsWith("..")
  );
}

/** The first place in the program's own files that `error` names, in TypeScript lines. */
function placeOf(error: Error, root: string): Place | undefined {
  const syntax = SYNTAX_ERROR.exec(error.message);
  if (syntax?.[1] !== undefined && inProgram(root, syntax[1])) {
    return { file: syntax[1], line: Number(syntax[2]) };
  }
  for (const text of (error.stack ?? "").split("\n")) {
    const frame = FRAME.exec(text);
    const file = frame?.[1];
    if (file === undefined || !inProgram(root, file)) continue;
    return { file, line: sourceLine(file, Number(frame?.[2]), Number(frame?.[3])) };
  }
  return undefined;
}

/** Whether `error` carries stack frames to find the program's place in. */
export function hasFrames(error: Error): boolean {
  return (
    SYNTAX_ERROR.test(error.message) || (error.stack ?? "").split("\n").some((l) => FRAME.test(l))
  );
}

/** The first line of what went wrong: SWC's diagnostic, or `TypeError: …`. */
function summary(error: Error): string {
  const first = error.message.split("\n").find((line) => line.trim() !== "") ?? "";
  const text = first.trim().replace(/^x /, "");
  return error.name === "Error" || error.name === "" ? text : `${error.name}: ${text}`;
}

/**
 * The team's program failing (a throw, a syntax error, a missing module, a rejected promise) as
 * the {@link UserError} it is: one line naming the file and line in the program — the first frame
 * in the project's own files, not the SDK's or the checker's — and the stack. The file is named
 * from `shownFrom` (a project inside the checked one, such as bootstrap/, is named from the
 * checked project's folder, where the command runs).
 */
export function programFailure(
  error: Error,
  projectDir: string,
  stack: string,
  shownFrom = projectDir,
): UserError {
  const root = realpathSync(projectDir);
  const place = placeOf(error, root);
  const shown = realpathSync(shownFrom);
  const where = place === undefined ? "" : `${path.relative(shown, place.file)}:${place.line}: `;
  return new UserError(
    `${where}the program failed while evaluating stack ${stack}: ${summary(error)}. Fix the program, then run parity again.`,
  );
}
