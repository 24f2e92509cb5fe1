import type { PolicyProviderResource, ResourceValidationPolicy } from "@pulumi/policy";
import type { EnvironmentSource, PolicyEnvironment } from "../environment";
import { TYPES } from "./types";

type Tags = Readonly<Record<string, unknown>>;

function record(value: unknown): Tags {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Tags)
    : {};
}

/**
 * The tags an AWS provider puts on every resource it manages. The engine hands a provider's
 * object-valued inputs over as JSON text (`defaultTags: '{"tags":{…}}'`).
 */
function defaultTags(provider: PolicyProviderResource | undefined): Tags {
  if (provider?.type !== TYPES.awsProvider) return {};
  const raw = provider.props.defaultTags as unknown;
  if (typeof raw !== "string") return record(record(raw).tags);
  try {
    return record(record(JSON.parse(raw)).tags);
  } catch {
    return {};
  }
}

/** The tags that say which project and stack a resource belongs to. */
function stackTags(environment: PolicyEnvironment): Record<string, string> {
  return { project: environment.project, environment: environment.stack };
}

export function stackTagged(environment: EnvironmentSource): ResourceValidationPolicy {
  return {
    name: "stack-tags",
    description:
      "Every AWS resource is tagged with its project and stack (environment), through its provider's default tags or its own.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
      if (!args.type.startsWith("aws:")) return;
      const expected = stackTags(environment());
      const tags = { ...defaultTags(args.provider), ...record(args.props.tags) };
      const wrong = Object.entries(expected).filter(([key, value]) => tags[key] !== value);
      if (wrong.length === 0) return;
      const shown = wrong.map(([key, value]) =>
        tags[key] === undefined
          ? `no ${key} tag`
          : `${key}=${JSON.stringify(tags[key])} (not ${value})`,
      );
      report(
        `The resource carries ${shown.join(" and ")}, so cost reports, the sweeper and drift checks cannot tell which stack it belongs to. Fix: create it with the stack's AWS provider, whose defaultTags carry ${Object.entries(
          expected,
        )
          .map(([key, value]) => `${key}=${value}`)
          .join(", ")}, and do not override those tags.`,
      );
    },
  };
}
