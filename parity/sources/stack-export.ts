import { UserError } from "../../components/errors";
import type { RawStack } from "../graph/raw";
import { resourcesFromStates } from "./state-resource";

/** Deployment versions of `pulumi stack export` this reader understands. */
export const EXPORT_VERSIONS = [3, 4] as const;

interface UntypedDeployment {
  readonly version?: unknown;
  readonly deployment?: { readonly resources?: unknown };
}

export function isStackExport(doc: unknown): doc is UntypedDeployment {
  const d = doc as UntypedDeployment | null;
  return typeof d === "object" && d !== null && typeof d.deployment === "object";
}

/** Reads `pulumi stack export` output: `{version, deployment: {manifest, resources[]}}`. */
export function readStackExport(doc: UntypedDeployment, file: string): RawStack {
  const version = doc.version;
  if (!EXPORT_VERSIONS.some((v) => v === version)) {
    throw new UserError(
      `${file}: \`pulumi stack export\` deployment version ${JSON.stringify(version)} is not supported. Allowed: ${EXPORT_VERSIONS.join(", ")}. Fix: export with a Pulumi CLI from v3.`,
    );
  }
  return {
    name: file,
    source: `pulumi stack export (v${String(version)})`,
    resources: resourcesFromStates(doc.deployment?.resources),
    notes: [],
  };
}
