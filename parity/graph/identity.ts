/** Placeholders that replace what makes a string belong to one stack. */
export const PLACEHOLDER = {
  stack: "{stack}",
  project: "{project}",
  account: "{account}",
  region: "{region}",
  /** The name of the stack a graph is compared with, in the graphs of a counterfactual. */
  counterpart: "{other stack}",
} as const;

/** Identity values shorter than this are too likely to be ordinary words ("app", "staging"). */
const MIN_IDENTITY_LENGTH = 8;

/** An AWS account id: twelve digits on their own (inside ARNs, ECR hosts, principals). */
const ACCOUNT = String.raw`(?<![0-9])[0-9]{12}(?![0-9])`;
/** An AWS region name; an availability zone keeps its letter after the placeholder. */
const REGION = String.raw`(?<![a-z0-9-])[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central)(?:east|west)?-[0-9]{1,2}(?![0-9])`;

const DASHES = "-----";
const PEM_BEGIN = `${DASHES}BEGIN `;
const PEM_END = `${DASHES}END `;
const PEM_LABEL = /^[A-Z ]+$/;

/** Each `-----<marker><label>-----` in `text`: where it starts and ends, and its label. */
function pemMarkers(text: string, marker: string): { at: number; end: number; label: string }[] {
  const out: { at: number; end: number; label: string }[] = [];
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    // The label ends at the next five dashes; the next marker starts with them, so every
    // character is scanned about once.
    const close = text.indexOf(DASHES, at + marker.length);
    if (close === -1) break;
    const label = text.slice(at + marker.length, close);
    if (PEM_LABEL.test(label)) out.push({ at, end: close + DASHES.length, label });
  }
  return out;
}

/**
 * Key and certificate material (PEM blocks: generated per stack, compared by presence) replaced
 * by `[pem <label>]`. Markers are found with `indexOf` and each BEGIN is paired with the next END
 * of its label, so text with many unmatched BEGINs takes linear time (a lazy regex would not).
 */
function maskPem(text: string): string {
  const ends = new Map<string, number[]>();
  for (const end of pemMarkers(text, PEM_END)) {
    const known = ends.get(end.label);
    if (known === undefined) ends.set(end.label, [end.at, end.end]);
    else known.push(end.at, end.end);
  }
  const next = new Map<string, number>();
  let out = "";
  let cursor = 0;
  for (const begin of pemMarkers(text, PEM_BEGIN)) {
    if (begin.at < cursor) continue;
    const candidates = ends.get(begin.label) ?? [];
    let index = next.get(begin.label) ?? 0;
    while (index < candidates.length && (candidates[index] ?? 0) < begin.end) index += 2;
    next.set(begin.label, index);
    const blockEnd = candidates[index + 1];
    if (blockEnd === undefined) continue;
    out += `${text.slice(cursor, begin.at)}[pem ${begin.label}]`;
    cursor = blockEnd;
  }
  return out + text.slice(cursor);
}
/**
 * An image digest (`repo@sha256:…`, or a bare `sha256:…` release id): the release an environment
 * runs, its identity rather than its shape. Code archive hashes are not release ids and stay.
 */
const DIGEST = /(^|@)sha256:[0-9a-f]{64}/g;
const HAS_DIGEST = new RegExp(DIGEST.source);

/** Whether `text` holds an image digest (never a reference to another resource). */
export function isImageDigest(text: string): boolean {
  return HAS_DIGEST.test(text);
}

/** Replaces generated material (PEM blocks, image digests) with placeholders. */
export function maskMaterial(text: string): string {
  if (!text.includes("-----BEGIN") && !text.includes("sha256:")) return text;
  return maskPem(text).replace(DIGEST, "$1sha256:{digest}");
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A function that replaces a stack's identity in one string with placeholders. */
export type Normaliser = (text: string) => string;

/**
 * Builds the string normaliser of one stack: its stack and project name (as whole words, so
 * `parity-stack-prod-app` becomes `{project}-{stack}-app`), its identity values (`literals`:
 * placeholder → value, e.g. the hostname), AWS account ids, region names and generated material.
 * With `counterpart`, the name of the stack it is compared with becomes a placeholder too: a value
 * naming the other stack (production's image in staging's repository) is then the same in a stack
 * given the other's config with the names swapped.
 */
export function identityNormaliser(
  stack: string | undefined,
  project: string | undefined,
  literals: Readonly<Record<string, string>> = {},
  counterpart?: string,
): Normaliser {
  const replacements = new Map<string, string>();
  for (const [placeholder, value] of Object.entries(literals)) {
    if (value.length >= MIN_IDENTITY_LENGTH) replacements.set(value, placeholder);
  }
  if (project !== undefined && project !== "") replacements.set(project, PLACEHOLDER.project);
  if (counterpart !== undefined && counterpart !== "" && counterpart !== stack) {
    replacements.set(counterpart, PLACEHOLDER.counterpart);
  }
  if (stack !== undefined && stack !== "") replacements.set(stack, PLACEHOLDER.stack);
  const words = [...replacements.keys()]
    .sort((x, y) => y.length - x.length)
    .map((word) => `(?<![A-Za-z0-9])${escape(word)}(?![A-Za-z0-9])`);
  const pattern = new RegExp([...words, ACCOUNT, REGION].join("|"), "g");
  const quick = /[0-9]/;
  return (input) => {
    const text = maskMaterial(input);
    if (replacements.size === 0 && !quick.test(text)) return text;
    return text.replace(pattern, (match) => {
      const placeholder = replacements.get(match);
      if (placeholder !== undefined) return placeholder;
      return /^[0-9]+$/.test(match) ? PLACEHOLDER.account : PLACEHOLDER.region;
    });
  };
}
