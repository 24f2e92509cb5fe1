import { checkField, oneOfNumbers } from "../field-rule";

/** CloudWatch Logs accepts only these retention periods (days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** The rule of a log retention period, for every component that keeps logs. */
export const LOG_RETENTION_RULE = oneOfNumbers(LOG_RETENTION_DAYS);

/** Checks a log retention period; `owner` prefixes the message, e.g. `ContainerService "app"`. */
export function validateLogRetentionDays(owner: string, days: number): void {
  checkField(
    owner,
    "logRetentionDays",
    LOG_RETENTION_RULE,
    days,
    "CloudWatch Logs accepts no other retention periods.",
  );
}
