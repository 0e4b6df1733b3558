/**
 * The closed sets of values the config accepts and the components take. String enums (not literal
 * unions) so a component's args map onto a Pulumi package schema; each value is what a user types.
 */

/** Use an existing thing unchanged (looked up by name), or create and own it. */
export enum ResourceMode {
  Adopt = "adopt",
  Create = "create",
}

/** How the sink topics are managed. */
export enum TopicManagement {
  /** `kafka-topics.sh` over SSH on the EC2 client (the walkthrough's way). */
  Remote = "remote",
  /** `aws.msk.Topic` (provisioned clusters, Kafka ≥ 3.6). */
  MskApi = "msk-api",
}

/** MSK cluster type. */
export enum ClusterKind {
  Provisioned = "provisioned",
  Serverless = "serverless",
}

/** Client authentication to the brokers; TLS in transit always. */
export enum KafkaAuthentication {
  /** IAM access control, brokers on 9098. */
  Iam = "iam",
  /** Unauthenticated TLS, brokers on 9094. */
  None = "none",
}

/** Where the connector zip is uploaded from. */
export enum PluginSourceKind {
  /** A local file (verified when a sha256 is set). */
  File = "file",
  /** An https URL the provider downloads. */
  Url = "url",
}

/** What a missing network prerequisite (S3 route, broker-port ingress) does at preview. */
export enum NetworkChecks {
  /** Fail before any change (the default): the connector could not work. */
  Error = "error",
  /**
   * Report it as a warning and go on (egress the checks cannot see, such as a proxy). Read from config only.
   * @public
   */
  Warn = "warn",
  /** Skip the lookups (a deployer without ec2:Describe* rights). */
  Off = "off",
}

/** Delivery presets, from the walkthrough's literal configuration to large, infrequent objects (lib/connector/delivery.ts). */
export const PRESETS = ["walkthrough", "balanced", "bulk"] as const;
/** Name of a delivery preset. */
export type PresetName = (typeof PRESETS)[number];
