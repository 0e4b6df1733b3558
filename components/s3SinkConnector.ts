import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KafkaAuthentication, ResourceMode } from "../lib/config/enums";
import { IMPORT_AS_IT_IS } from "../lib/connector/adoption";
import {
  AUTOSCALED_TASKS_MAX,
  AutoscalingCapacityArgs,
  connectorCapacity,
  ProvisionedCapacityArgs,
} from "../lib/connector/capacity";
import {
  DEFAULT_WORKER_PROPERTIES,
  propertiesFile,
  workerConfigurationName,
  workerLogGroupName,
} from "../lib/connector/worker";

/** The worker configuration the connector runs with. */
export interface WorkerConfigurationArgs {
  /** Name of an adopted one, or prefix of a created one (a content hash is appended). */
  name: string;
  /** Adopt by name (the walkthrough's `confluent-worker`) or create. */
  mode: ResourceMode;
  /** Created: worker properties (default: string key and value converters). */
  properties?: Record<string, string>;
}

export interface S3SinkConnectorArgs {
  /** Connector name, stable across replacements: its offsets live in consumer group `connect-<name>`. */
  connectorName: string;
  /** MSK Connect's Kafka Connect version. */
  kafkaConnectVersion: string;
  /** Fixed capacity; set this or `autoscaling`. */
  provisioned?: ProvisionedCapacityArgs;
  /** Autoscaled capacity; set this or `provisioned`. */
  autoscaling?: AutoscalingCapacityArgs;
  /** The full connector configuration. */
  properties: Record<string, string>;
  /** Cluster brokers for the chosen authentication (`host:9098,…` for IAM). */
  bootstrapServers: pulumi.Input<string>;
  /** Private subnets the workers run in (the cluster's client subnets by default). */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security groups that reach the brokers. */
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Client authentication, always with TLS in transit. */
  authentication: KafkaAuthentication;
  /** Custom plugin ARN. */
  pluginArn: pulumi.Input<string>;
  /** Custom plugin revision. */
  pluginRevision: pulumi.Input<number>;
  /** Execution role ARN. */
  executionRoleArn: pulumi.Input<string>;
  /** Adopted or created worker configuration. */
  workerConfiguration: WorkerConfigurationArgs;
  /** Deliver worker logs to CloudWatch `/aws/mskconnect/<name>`, kept this many days; off when unset. */
  logRetentionDays?: number;
  /** ARN of an existing connector to adopt as it is (the `import` option, every input ignored for that run). */
  importArn?: string;
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
    if (wc.mode === ResourceMode.Adopt) {
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
    const logGroup =
      args.logRetentionDays !== undefined
        ? new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: workerLogGroupName(args.connectorName), retentionInDays: args.logRetentionDays },
            { parent: this },
          )
        : undefined;
    const inputs: aws.mskconnect.ConnectorArgs = {
      name: args.connectorName,
      kafkaconnectVersion: args.kafkaConnectVersion,
      capacity: connectorCapacity(name, args),
      connectorConfiguration: args.properties,
      kafkaCluster: {
        apacheKafkaCluster: {
          bootstrapServers: args.bootstrapServers,
          vpc: { subnets: args.subnetIds, securityGroups: args.securityGroupIds },
        },
      },
      kafkaClusterClientAuthentication: {
        authenticationType: args.authentication === KafkaAuthentication.Iam ? "IAM" : "NONE",
      },
      kafkaClusterEncryptionInTransit: { encryptionType: "TLS" },
      plugins: [{ customPlugin: { arn: args.pluginArn, revision: args.pluginRevision } }],
      serviceExecutionRoleArn: args.executionRoleArn,
      workerConfiguration: worker,
      logDelivery: logGroup
        ? { workerLogDelivery: { cloudwatchLogs: { enabled: true, logGroup: logGroup.name } } }
        : undefined,
    };
    const connector = new aws.mskconnect.Connector(name, inputs, {
      parent: this,
      // Children do not inherit the component's dependsOn: the connector itself must wait for topics and role.
      dependsOn: opts?.dependsOn,
      // Names are unique per account and region, and the offsets follow the name: replace in place.
      deleteBeforeReplace: true,
      // An in-place configuration update can report success while AWS keeps the old one; replace instead.
      replaceOnChanges: ["connectorConfiguration"],
      // Autoscaling overrides tasks.max: a value AWS reports back must not replace the connector.
      // Adopting: the existing connector comes under the stack as it is.
      ignoreChanges: args.importArn ? [...IMPORT_AS_IT_IS] : args.autoscaling ? [AUTOSCALED_TASKS_MAX] : [],
      import: args.importArn,
      customTimeouts: { create: "30m", update: "30m", delete: "30m" },
    });
    this.arn = connector.arn;
    this.logGroupName = logGroup?.name;
    this.registerOutputs({ arn: this.arn, logGroupName: this.logGroupName });
  }
}
