import * as aws from "@pulumi/aws";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { Settings } from "../lib/config/settings";
import { topicCommands } from "../lib/kafka/topicCommands";

/** SSH target of the EC2 client that has the Kafka tools and `client.properties`. */
export interface KafkaClientConnection {
  host: pulumi.Input<string>;
  user: string;
  port: number;
  /** Secret config only; never logged or exported. */
  privateKey: pulumi.Output<string>;
}

export interface KafkaTopicsArgs {
  /** Validated settings: topic list, sizes, configs, management choice, client paths and timeouts. */
  settings: Settings;
  /** Bootstrap brokers the tools use. */
  bootstrapServers: pulumi.Input<string>;
  /** Cluster ARN (MSK API management). */
  clusterArn: pulumi.Input<string>;
  /** Required when `settings.topicManagement` is "remote". */
  connection?: KafkaClientConnection;
}

/** The sink topics, created by one idempotent script over SSH (the walkthrough's way) or by the MSK API. */
export class KafkaTopics extends pulumi.ComponentResource {
  /** Topic names, in the configured order. */
  readonly names: string[];

  constructor(name: string, args: KafkaTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:KafkaTopics", name, {}, opts);
    const s = args.settings;
    this.names = s.topics.names;
    if (s.topicManagement === "msk-api") {
      for (const topic of s.topics.names) {
        new aws.msk.Topic(
          `${name}-${topic}`,
          {
            name: topic,
            clusterArn: args.clusterArn,
            partitionCount: s.topics.partitions!,
            replicationFactor: s.topics.replicationFactor!,
            configs: Object.keys(s.topics.configs).length > 0 ? JSON.stringify(s.topics.configs) : undefined,
          },
          { parent: this, retainOnDelete: !s.topics.deleteOnDestroy },
        );
      }
    } else {
      if (!args.connection) throw new Error(`${name}: topicManagement "remote" needs an SSH connection`);
      const c = args.connection;
      const scripts = pulumi.output(args.bootstrapServers).apply((b) => topicCommands(s, b));
      const timeout = `${s.client.commandTimeoutMinutes}m`;
      new command.remote.Command(
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
          delete: s.topics.deleteOnDestroy ? scripts.apply((x) => x.delete ?? "") : undefined,
          // The scripts hold no secret, but the remote shell's output may: keep it out of logs.
          logging: "none",
          addPreviousOutputInEnv: false,
        },
        { parent: this, customTimeouts: { create: timeout, update: timeout, delete: timeout } },
      );
    }
    this.registerOutputs({ names: this.names });
  }
}
