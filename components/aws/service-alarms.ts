import type * as pulumi from "@pulumi/pulumi";
import { ALARM_PERIOD_SECONDS, type AlarmSpec } from "./metric-alarm";

/**
 * The alarms every environment's application has, with the same thresholds everywhere: server
 * errors, slow responses, and tasks failing their health checks.
 */
export const SERVICE_ALARMS = {
  /** Percent of requests answered 5xx (by the tasks or by the load balancer itself). */
  errorRatePercent: 5,
  /** 99th percentile of the tasks' response time, in seconds. */
  p99LatencySeconds: 2,
} as const;

/** The alarms a deployment watches: the ECS service rolls back when one fires during it. */
export const DEPLOYMENT_ALARMS = ["error-rate", "latency-p99"] as const;

type ServiceAlarm = (typeof DEPLOYMENT_ALARMS)[number] | "unhealthy-tasks";

const ALB = "AWS/ApplicationELB";

function sum(id: string, metricName: string, dimensions: Record<string, pulumi.Input<string>>) {
  return {
    id,
    returnData: false,
    metric: {
      namespace: ALB,
      metricName,
      dimensions,
      stat: "Sum",
      period: ALARM_PERIOD_SECONDS,
    },
  };
}

/**
 * The service's alarms on its load balancer (`LoadBalancer`) and target group (`TargetGroup`)
 * CloudWatch dimensions.
 */
export function serviceAlarms(
  loadBalancer: pulumi.Input<string>,
  targetGroup: pulumi.Input<string>,
): Record<ServiceAlarm, AlarmSpec> {
  const both = { LoadBalancer: loadBalancer, TargetGroup: targetGroup };
  return {
    "error-rate": {
      alarmDescription: `More than ${SERVICE_ALARMS.errorRatePercent}% of requests answered with a 5xx, by the tasks or by the load balancer (502/503/504)`,
      metricQueries: [
        sum("tasks", "HTTPCode_Target_5XX_Count", both),
        sum("balancer", "HTTPCode_ELB_5XX_Count", { LoadBalancer: loadBalancer }),
        sum("requests", "RequestCount", { LoadBalancer: loadBalancer }),
        {
          id: "rate",
          label: "5xx percent",
          expression: "IF(requests > 0, 100 * (FILL(tasks, 0) + FILL(balancer, 0)) / requests, 0)",
          returnData: true,
        },
      ],
      comparisonOperator: "GreaterThanThreshold",
      threshold: SERVICE_ALARMS.errorRatePercent,
      minutes: 5,
      breaching: 3,
    },
    "latency-p99": {
      alarmDescription: `The slowest 1% of responses take more than ${SERVICE_ALARMS.p99LatencySeconds} s`,
      namespace: ALB,
      metricName: "TargetResponseTime",
      dimensions: both,
      extendedStatistic: "p99",
      comparisonOperator: "GreaterThanThreshold",
      threshold: SERVICE_ALARMS.p99LatencySeconds,
      minutes: 5,
      breaching: 3,
    },
    "unhealthy-tasks": {
      alarmDescription:
        "Tasks fail the load balancer's health checks for 5 minutes running (they are being replaced over and over)",
      namespace: ALB,
      metricName: "UnHealthyHostCount",
      dimensions: both,
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      minutes: 5,
      breaching: 5,
    },
  };
}
