import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface PipelineDashboardArgs {
  /** Dashboard name (lib/ops/dashboard.ts `dashboardName`). */
  dashboardName: string;
  /** Dashboard body JSON (lib/ops/dashboard.ts `dashboardBody`). */
  body: pulumi.Input<string>;
}

/** The stack's CloudWatch dashboard. */
export class PipelineDashboard extends pulumi.ComponentResource {
  /** Dashboard name. */
  readonly dashboardName: pulumi.Output<string>;

  constructor(name: string, args: PipelineDashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:PipelineDashboard", name, {}, opts);
    const dashboard = new aws.cloudwatch.Dashboard(
      name,
      { dashboardName: args.dashboardName, dashboardBody: args.body },
      { parent: this },
    );
    this.dashboardName = dashboard.dashboardName;
    this.registerOutputs({ dashboardName: this.dashboardName });
  }
}
