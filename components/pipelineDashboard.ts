import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { WorkerLogErrors } from "../lib/ops/workerLogs";

export interface PipelineDashboardArgs {
  /** Dashboard name (lib/ops/dashboard.ts `dashboardName`). */
  dashboardName: string;
  /** Dashboard body JSON (lib/ops/dashboard.ts `dashboardBody`). */
  body: pulumi.Input<string>;
  /**
   * With worker logs on: the log group (the connector's, so the filter waits for it) and the metric its ERROR
   * lines are counted into (lib/ops/workerLogs.ts).
   */
  workerLogs?: { logGroupName: pulumi.Input<string>; errors: WorkerLogErrors };
}

/** The stack's CloudWatch dashboard, and the metric filter that counts worker-log errors for it. */
export class PipelineDashboard extends pulumi.ComponentResource {
  /** Dashboard name. */
  readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, args: PipelineDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:PipelineDashboard", name, {}, opts);
    const logs = args.workerLogs;
    if (logs)
      new aws.cloudwatch.LogMetricFilter(
        `${name}-worker-errors`,
        {
          name: logs.errors.metricName,
          logGroupName: logs.logGroupName,
          pattern: logs.errors.pattern,
          metricTransformation: {
            namespace: logs.errors.namespace,
            name: logs.errors.metricName,
            value: "1",
            defaultValue: "0",
          },
        },
        { parent: this },
      );
    const dashboard = new aws.cloudwatch.Dashboard(
      name,
      { dashboardName: args.dashboardName, dashboardBody: args.body },
      { parent: this },
    );
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ dashboardName: this.dashboardName });
  }
}
