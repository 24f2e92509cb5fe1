import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { UserError } from "../../components/errors";

/** The one file that declares the offline answer of every invoke the program calls. */
export const INVOKES_FILE = path.join(__dirname, "invokes.yaml");

/** The repository root, for naming {@link INVOKES_FILE} the same way from any directory. */
const TOOL_ROOT = path.join(__dirname, "..", "..");

const ANSWERS = z.record(
  z.string().regex(/^[^:\s]+:[^:\s]*:[^:\s]+$/),
  z.record(z.string(), z.unknown()),
);

export type InvokeAnswers = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

let declared: InvokeAnswers | undefined;

/** Every answer declared in {@link INVOKES_FILE}, keyed by invoke token (read once). */
export function declaredInvokes(): InvokeAnswers {
  if (declared === undefined) {
    const parsed = ANSWERS.safeParse(parse(readFileSync(INVOKES_FILE, "utf8")));
    if (!parsed.success) {
      throw new UserError(
        `${INVOKES_FILE}: expected a mapping of invoke token (package:module:function) to the mapping it returns: ${parsed.error.issues[0]?.message ?? "invalid"}.`,
      );
    }
    declared = parsed.data;
  }
  return declared;
}

/** Where an invoke runs: what `${region}` and `${accountId}` in a declared answer stand for. */
export interface InvokePlace {
  readonly region: string;
  readonly accountId: string;
}

function fill(value: unknown, place: InvokePlace): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{(region|accountId)\}/g, (_, name: keyof InvokePlace) => place[name]);
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, place));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, place)]));
  }
  return value;
}

/** An invoke the offline evaluation cannot answer: the program would need a real provider. */
export class MissingInvokeError extends UserError {
  constructor(readonly token: string) {
    super(
      `invoke ${token} has no offline answer. Fix: declare what it returns under "${token}:" in ${path.relative(TOOL_ROOT, INVOKES_FILE)}.`,
    );
  }
}

/** The declared answer of `token` for an invoke run at `place`; throws {@link MissingInvokeError}. */
export function invokeAnswer(token: string, place: InvokePlace): Record<string, unknown> {
  const answer = declaredInvokes()[token];
  if (answer === undefined) throw new MissingInvokeError(token);
  return fill(answer, place) as Record<string, unknown>;
}
