type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether to colour what goes to a stream, as the conventions say: `FORCE_COLOR` (any value but
 * "0" or "false") forces it, `NO_COLOR` (any non-empty value) turns it off, and otherwise only a
 * terminal gets colour.
 */
export function useColor(isTty: boolean, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return isTty;
}
