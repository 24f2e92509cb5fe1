import { UserError } from "../../components/errors";
import type { RawResource } from "../graph/raw";
import { isDefaultProvider } from "../graph/normalise";
import { parseUrn, providerUrn } from "../graph/urn";

/**
 * Refuses resources that refer to a resource the artifact does not hold: a parent, a provider
 * (`<urn>::<id>`), a dependency or a property dependency. A state file and a complete preview or
 * event log hold every resource a resource refers to; a dangling reference means a cut or edited
 * file, whose graph would hide the real difference. Previews and event logs have no steps for the
 * engine's default providers: with `defaultProviders: "omitted"`, references to them are not
 * checked.
 */
export function checkReferences(
  file: string,
  resources: readonly RawResource[],
  defaultProviders: "held" | "omitted",
): void {
  const urns = new Set(resources.map((resource) => resource.urn));
  const omitted = (urn: string) => {
    const parsed = parseUrn(urn);
    return (
      defaultProviders === "omitted" &&
      parsed !== undefined &&
      isDefaultProvider(parsed.type, parsed.name)
    );
  };
  for (const resource of resources) {
    const references: [string, string | undefined][] = [
      ["parent", resource.parent],
      ["provider", resource.provider === undefined ? undefined : providerUrn(resource.provider)],
      ...resource.dependencies.map((urn): [string, string] => ["dependency", urn]),
      ...Object.entries(resource.propertyDependencies).flatMap(([name, list]) =>
        list.map((urn): [string, string] => [`dependency of property ${name}`, urn]),
      ),
    ];
    for (const [what, urn] of references) {
      if (urn === undefined || urns.has(urn) || omitted(urn)) continue;
      throw new UserError(
        `${file}: ${resource.urn} names ${urn} as its ${what}, but the file holds no such resource: it is cut or edited. Pass the whole file Pulumi wrote.`,
      );
    }
  }
}
