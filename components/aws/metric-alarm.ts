import * as aws from "./sdk";
import type * as pulumi from "@pulumi/pulumi";

/** Seconds per datapoint of every alarm: CloudWatch's standard one-minute resolution. */
export const ALARM_PERIOD_SECONDS = 60;

/** What an alarm watches and when it fires; everything else is the same for every alarm. */
export type AlarmSpec = Pick<
  aws.cloudwatch.MetricAlarmArgs,
  | "alarmDescription"
  | "namespace"
  | "metricName"
  | "dimensions"
  | "statistic"
  | "extendedStatistic"
  | "metricQueries"
  | "threshold"
  | "comparisonOperator"
> & {
  /** Datapoints (minutes) looked at. */
  readonly minutes: number;
  /** How many of them must breach. */
  readonly breaching: number;
};

/**
 * One CloudWatch alarm at one-minute resolution, with missing data read as "not breaching" (an
 * idle stack is healthy) and `actions` notified when it fires and when it clears.
 */
export function metricAlarm(
  name: string,
  spec: AlarmSpec,
  actions: pulumi.Input<pulumi.Input<string>[]>,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm {
  const { minutes, breaching, metricQueries, ...watched } = spec;
  return new aws.cloudwatch.MetricAlarm(
    name,
    {
      ...watched,
      ...(metricQueries === undefined ? { period: ALARM_PERIOD_SECONDS } : { metricQueries }),
      evaluationPeriods: minutes,
      datapointsToAlarm: breaching,
      treatMissingData: "notBreaching",
      alarmActions: actions,
      okActions: actions,
    },
    opts,
  );
}
