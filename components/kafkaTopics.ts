import * as aws from "@pulumi/aws";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { TopicManagement } from "../lib/config/enums";
import { KafkaClientTools, REMOTE_COMMAND_OUTPUTS, topicCommands } from "../lib/kafka/topicCommands";
import { unmanagedTopicConfigs } from "../lib/kafka/topics";
import { MSK_TOPIC_IGNORED_INPUTS } from "../lib/kafka/liveTopics";

/** SSH target of the EC2 client that has the Kafka tools and `client.properties`. */
export interface KafkaClientConnection {
  /** The client's public DNS name or IP address. */
  host: pulumi.Input<string>;
  /** SSH user (the walkthrough's `ec2-user`). */
  user: string;
  /** SSH port. */
  port: number;
  /** Secret config only; never logged or exported. */
  privateKey: pulumi.Output<string>;
}

export interface KafkaTopicsArgs {
  /** Topic names (the walkthrough's `<id>.pin`, `<id>.geo`, `<id>.user`). */
  topicNames: string[];
  /** Partitions per topic; the broker default when unset (required with the MSK API). */
  partitions?: number;
  /** Replication factor; the broker default when unset (required with the MSK API). */
  replicationFactor?: number;
  /** Topic-level configs (`retention.ms`, …). */
  configs?: Record<string, string>;
  /** Delete the topics, and their data, on destroy. Default false. */
  deleteOnDestroy?: boolean;
  /** A script over SSH on the EC2 client, or the MSK API. */
  management: TopicManagement;
  /** Bootstrap brokers the tools use. */
  bootstrapServers: pulumi.Input<string>;
  /** Cluster ARN: the MSK API's topics belong to it; the remote script records per cluster which configs it set. */
  clusterArn: pulumi.Input<string>;
  /** Remote management: the SSH connection. */
  connection?: KafkaClientConnection;
  /** Remote management: where the Kafka tools are and how long they may run. */
  tools?: KafkaClientTools;
}

/** The sink topics, created by one idempotent script over SSH (the walkthrough's way) or by the MSK API. */
export class KafkaTopics extends pulumi.ComponentResource {
  /** Topic names, in the configured order. */
  readonly names: string[];
  /** Remote management: the dynamic configs the last run of the script left alone (not set by the stack), by topic. */
  readonly unmanagedConfigs?: pulumi.Output<Record<string, string[]>>;

  constructor(name: string, args: KafkaTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:KafkaTopics", name, {}, opts);
    this.names = args.topicNames;
    const configs = args.configs ?? {};
    const deleteOnDestroy = args.deleteOnDestroy ?? false;
    if (args.management === TopicManagement.MskApi) {
      for (const topic of args.topicNames) {
        new aws.msk.Topic(
          `${name}-${topic}`,
          {
            name: topic,
            clusterArn: args.clusterArn,
            partitionCount: args.partitions!,
            replicationFactor: args.replicationFactor!,
            configs: Object.keys(configs).length > 0 ? JSON.stringify(configs) : undefined,
          },
          // Never replaced in place (see MSK_TOPIC_IGNORED_INPUTS): the stack checks the live topic instead.
          { parent: this, retainOnDelete: !deleteOnDestroy, ignoreChanges: [...MSK_TOPIC_IGNORED_INPUTS] },
        );
      }
    } else {
      const { connection: c, tools } = args;
      if (!c || !tools)
        throw new Error(`${name}: topicManagement "remote" needs an SSH connection and tools`);
      const spec = { ...args, configs, deleteOnDestroy, tools };
      const scripts = pulumi
        .all([args.bootstrapServers, args.clusterArn])
        .apply(([brokers, arn]) => topicCommands(spec, brokers, arn));
      const timeout = `${tools.commandTimeoutMinutes}m`;
      const ensure = new command.remote.Command(
        `${name}-ensure`,
        {
          connection: {
            host: c.host,
            user: c.user,
            port: c.port,
            privateKey: c.privateKey,
            dialErrorLimit: 5,
            perDialTimeout: 15,
          },
          create: scripts.create,
          update: scripts.update,
          delete: deleteOnDestroy ? scripts.apply((x) => x.delete ?? "") : undefined,
          // The scripts hold no secret, but the remote shell's output may: keep it out of logs,
          logging: "none",
          addPreviousOutputInEnv: false,
        },
        {
          parent: this,
          customTimeouts: { create: timeout, update: timeout, delete: timeout },
          // and encrypted in state: logging "none" stops the streaming only, stdout and stderr are still stored.
          additionalSecretOutputs: REMOTE_COMMAND_OUTPUTS,
        },
      );
      // Topic names and config keys only (unmanagedTopicConfigs): unlike the output it is read from, not secret.
      this.unmanagedConfigs = pulumi.unsecret(ensure.stdout.apply(unmanagedTopicConfigs));
    }
    this.registerOutputs({ names: this.names, unmanagedConfigs: this.unmanagedConfigs });
  }
}
