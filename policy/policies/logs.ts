import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { EnvironmentSource } from "../environment";
import { TIER_THRESHOLDS } from "../tier-thresholds";
import { TYPES } from "./types";

export function logGroupRetention(environment: EnvironmentSource): ResourceValidationPolicy {
  return {
    name: "log-group-retention",
    description:
      "Every log group expires its events, after at least its tier's minimum number of days.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
      if (args.type !== TYPES.logGroup) return;
      const { tier } = environment();
      const minimum = TIER_THRESHOLDS[tier].minLogRetentionDays;
      const days = args.props.retentionInDays as unknown;
      if (typeof days === "number" && days >= minimum) return;
      const kept =
        typeof days === "number" && days > 0
          ? `keeps events ${days} day${days === 1 ? "" : "s"}, below the ${minimum} a ${tier} stack keeps`
          : "keeps events forever (no retentionInDays), growing its cost and what it holds without end";
      report(
        `The log group ${kept}. Fix: set retentionInDays to ${minimum} or more (the logRetentionDays key).`,
      );
    },
  };
}
