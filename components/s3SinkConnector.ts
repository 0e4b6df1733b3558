import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Choice, Settings } from "../lib/config/settings";
import {
  DEFAULT_WORKER_PROPERTIES,
  propertiesFile,
  workerConfigurationName,
  workerLogGroupName,
} from "../lib/connector/worker";

export interface S3SinkConnectorArgs {
  /** Connector name, stable across replacements: its offsets live in consumer group `connect-<name>`. */
  connectorName: string;
  /** MSK Connect's Kafka Connect version. */
  kafkaConnectVersion: string;
  /** Provisioned MCUs × workers, or autoscaling. */
  capacity: Settings["connector"]["capacity"];
  /** The full connector configuration. */
  properties: Record<string, string>;
  /** Cluster brokers for the chosen authentication (`host:9098,…` for IAM). */
  bootstrapServers: pulumi.Input<string>;
  /** Private subnets the workers run in (the cluster's client subnets by default). */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security groups that reach the brokers. */
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Client authentication, always with TLS in transit. */
  authentication: "iam" | "none";
  /** Custom plugin ARN and revision. */
  plugin: { arn: pulumi.Input<string>; revision: pulumi.Input<number> };
  /** Execution role ARN. */
  executionRoleArn: pulumi.Input<string>;
  /** Adopt a worker configuration by name (`confluent-worker`) or create one. */
  workerConfiguration: Choice<{ properties?: Record<string, string> }>;
  /** CloudWatch worker-log delivery. */
  logs: { enabled: boolean; retentionDays: number };
}

/** The MSK Connect connector running the Confluent S3 sink, with its worker configuration and log group. */
export class S3SinkConnector extends pulumi.ComponentResource {
  /** Connector ARN. */
  readonly arn: pulumi.Output<string>;
  /** Worker log group name, when logs are delivered. */
  readonly logGroupName?: pulumi.Output<string>;

  constructor(name: string, args: S3SinkConnectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:S3SinkConnector", name, {}, opts);
    const wc = args.workerConfiguration;
    let worker: { arn: pulumi.Output<string>; revision: pulumi.Output<number> };
    if (wc.mode === "adopt") {
      const found = aws.mskconnect.getWorkerConfigurationOutput({ name: wc.name }, { parent: this });
      worker = { arn: found.arn, revision: found.latestRevision };
    } else {
      const content = propertiesFile(wc.properties ?? DEFAULT_WORKER_PROPERTIES);
      const created = new aws.mskconnect.WorkerConfiguration(
        `${name}-worker`,
        {
          name: workerConfigurationName(wc.name, content),
          propertiesFileContent: content,
        },
        { parent: this },
      );
      worker = { arn: created.arn, revision: created.latestRevision };
    }
    const logGroup = args.logs.enabled
      ? new aws.cloudwatch.LogGroup(
          `${name}-logs`,
          { name: workerLogGroupName(args.connectorName), retentionInDays: args.logs.retentionDays },
          { parent: this },
        )
      : undefined;
    const connector = new aws.mskconnect.Connector(
      name,
      {
        name: args.connectorName,
        kafkaconnectVersion: args.kafkaConnectVersion,
        capacity:
          "provisioned" in args.capacity
            ? { provisionedCapacity: args.capacity.provisioned }
            : {
                autoscaling: {
                  mcuCount: args.capacity.autoscaling.mcuCount,
                  minWorkerCount: args.capacity.autoscaling.minWorkerCount,
                  maxWorkerCount: args.capacity.autoscaling.maxWorkerCount,
                  scaleInPolicy: { cpuUtilizationPercentage: args.capacity.autoscaling.scaleInCpuPercent },
                  scaleOutPolicy: { cpuUtilizationPercentage: args.capacity.autoscaling.scaleOutCpuPercent },
                },
              },
        connectorConfiguration: args.properties,
        kafkaCluster: {
          apacheKafkaCluster: {
            bootstrapServers: args.bootstrapServers,
            vpc: { subnets: args.subnetIds, securityGroups: args.securityGroupIds },
          },
        },
        kafkaClusterClientAuthentication: {
          authenticationType: args.authentication === "iam" ? "IAM" : "NONE",
        },
        kafkaClusterEncryptionInTransit: { encryptionType: "TLS" },
        plugins: [{ customPlugin: { arn: args.plugin.arn, revision: args.plugin.revision } }],
        serviceExecutionRoleArn: args.executionRoleArn,
        workerConfiguration: worker,
        logDelivery: logGroup
          ? { workerLogDelivery: { cloudwatchLogs: { enabled: true, logGroup: logGroup.name } } }
          : undefined,
      },
      {
        parent: this,
        // Children do not inherit the component's dependsOn: the connector itself must wait for topics and role.
        dependsOn: opts?.dependsOn,
        // Names are unique per account and region, and the offsets follow the name: replace in place.
        deleteBeforeReplace: true,
        // An in-place configuration update can report success while AWS keeps the old one; replace instead.
        replaceOnChanges: ["connectorConfiguration"],
        customTimeouts: { create: "30m", update: "30m", delete: "30m" },
      },
    );
    this.arn = connector.arn;
    this.logGroupName = logGroup?.name;
    this.registerOutputs({ arn: this.arn, logGroupName: this.logGroupName });
  }
}
