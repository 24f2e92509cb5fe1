/** Placeholders that replace what makes a string belong to one stack. */
export const PLACEHOLDER = {
  stack: "{stack}",
  project: "{project}",
  account: "{account}",
  region: "{region}",
} as const;

/** Identity values shorter than this are too likely to be ordinary words ("app", "staging"). */
const MIN_IDENTITY_LENGTH = 8;

/** An AWS account id: twelve digits on their own (inside ARNs, ECR hosts, principals). */
const ACCOUNT = String.raw`(?<![0-9])[0-9]{12}(?![0-9])`;
/** An AWS region name; an availability zone keeps its letter after the placeholder. */
const REGION = String.raw`(?<![a-z0-9-])[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central)(?:east|west)?-[0-9]{1,2}(?![0-9])`;

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A function that replaces a stack's identity in one string with placeholders. */
export type Normaliser = (text: string) => string;

/**
 * Builds the string normaliser of one stack: its stack and project name (as whole words, so
 * `parity-stack-prod-app` becomes `{project}-{stack}-app`), its identity values (`literals`:
 * placeholder → value, e.g. the hostname), AWS account ids and region names.
 */
export function identityNormaliser(
  stack: string | undefined,
  project: string | undefined,
  literals: Readonly<Record<string, string>> = {},
): Normaliser {
  const replacements = new Map<string, string>();
  for (const [placeholder, value] of Object.entries(literals)) {
    if (value.length >= MIN_IDENTITY_LENGTH) replacements.set(value, placeholder);
  }
  if (project !== undefined && project !== "") replacements.set(project, PLACEHOLDER.project);
  if (stack !== undefined && stack !== "") replacements.set(stack, PLACEHOLDER.stack);
  const words = [...replacements.keys()]
    .sort((x, y) => y.length - x.length)
    .map((word) => `(?<![A-Za-z0-9])${escape(word)}(?![A-Za-z0-9])`);
  const pattern = new RegExp([...words, ACCOUNT, REGION].join("|"), "g");
  const quick = /[0-9]/;
  return (text) => {
    if (replacements.size === 0 && !quick.test(text)) return text;
    return text.replace(pattern, (match) => {
      const placeholder = replacements.get(match);
      if (placeholder !== undefined) return placeholder;
      return /^[0-9]+$/.test(match) ? PLACEHOLDER.account : PLACEHOLDER.region;
    });
  };
}
