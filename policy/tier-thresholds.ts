import type { Tier } from "./environment";

/** What a stack of one tier must keep, whatever its name. */
export interface TierThresholds {
  /** Fewest days of automated database backups. */
  readonly minBackupRetentionDays: number;
  /**
   * The database cluster refuses deletion: AWS deletion protection, Pulumi `protect`, and a final
   * snapshot if it is deleted all the same.
   */
  readonly guardDatabase: boolean;
  /** Fewest days CloudWatch keeps a log group's events. */
  readonly minLogRetentionDays: number;
}

/**
 * The thresholds of each tier. Production keeps its data and a quarter of logs; staging and
 * pull-request stacks keep backups (restores are rehearsed there) and a week or a day of logs.
 */
export const TIER_THRESHOLDS: Readonly<Record<Tier, TierThresholds>> = {
  production: { minBackupRetentionDays: 7, guardDatabase: true, minLogRetentionDays: 90 },
  staging: { minBackupRetentionDays: 1, guardDatabase: false, minLogRetentionDays: 7 },
  preview: { minBackupRetentionDays: 1, guardDatabase: false, minLogRetentionDays: 1 },
};
