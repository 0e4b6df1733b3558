/** The validated, defaulted settings every layer above reads (lib/config/parse.ts derives them). */
import { ParsedConfig } from "./schema";
import { PluginSourceKind, PresetName, ResourceMode, TopicManagement } from "./enums";

/** Where the program runs: the stack name and the AWS region (`aws:region`). */
export interface StackContext {
  stack: string;
  region: string;
}

/** Adopt an existing thing by name, or create it (with its own settings). */
export type Choice<C> =
  { mode: ResourceMode.Adopt; name: string } | ({ mode: ResourceMode.Create; name: string } & C);

/** Where alarm notifications go: an adopted SNS topic (by ARN) or a created one (by name). */
export type AlarmTopicChoice =
  { mode: ResourceMode.Adopt; arn: string } | { mode: ResourceMode.Create; name: string; kmsKeyArn?: string };

/** The validated, defaulted settings the components are built from. */
export interface Settings {
  /** The Pulumi stack these settings are for. */
  stack: string;
  userId: string;
  environment: string;
  isDev: boolean;
  region: string;
  deliveryPreset: PresetName;
  topicManagement: TopicManagement;
  hasSshPrivateKey: boolean;
  /** `kmsKeyArn`: the SSE-KMS key a created bucket is encrypted with, or an adopted bucket's. */
  bucket: Choice<{ forceDestroy: boolean; noncurrentVersionDays: number }> & { kmsKeyArn?: string };
  /** With `kind` serverless, `name` is the one in `arn`. */
  cluster: ParsedConfig["cluster"];
  network: ParsedConfig["network"];
  plugin: {
    source: string;
    sourceKind: PluginSourceKind;
    sha256?: string;
    fileName: string;
    objectKey: string;
    name: string;
    /** ARN of an existing custom plugin to adopt unchanged. */
    importArn?: string;
  };
  connector: {
    name: string;
    /** ARN of an existing connector to adopt unchanged. */
    importArn?: string;
    followClusterChanges: boolean;
    kafkaConnectVersion: string;
    capacity:
      | { provisioned: { mcuCount: number; workerCount: number } }
      | { autoscaling: NonNullable<ParsedConfig["connector"]["autoscaling"]> };
    properties: Record<string, string>;
  };
  executionRole: Choice<object>;
  workerConfiguration: Choice<{ properties?: Record<string, string> }>;
  logs: ParsedConfig["logs"];
  topics: Omit<ParsedConfig["topics"], "names"> & { names: string[] };
  client: ParsedConfig["client"];
  alarms: { enabled: boolean; topic: AlarmTopicChoice; email?: string; timeLagSeconds?: number };
  dashboard: { enabled: boolean };
}
