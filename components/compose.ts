/** Composition helpers of index.ts: how the stack's settings map onto the args of its components. */
import * as pulumi from "@pulumi/pulumi";
import { ResourceMode } from "../lib/config/enums";
import { Settings } from "../lib/config/settings";
import { PluginSource } from "../lib/s3/plugin";
import { S3EndpointPlacement } from "../lib/network/endpoints";
import { KafkaClientConnection } from "./kafkaTopics";
import { NetworkPrerequisites } from "./networkPrerequisites";
import { PluginObject } from "./pluginObject";
import { SinkBucket } from "./sinkBucket";

/** The sink bucket: adopted as it is, or created hardened (protected outside dev). */
export function sinkBucket(s: Settings, kmsKeyArn: string | undefined): SinkBucket {
  const b = s.bucket;
  const created =
    b.mode === ResourceMode.Create
      ? { forceDestroy: b.forceDestroy, kmsKeyArn, noncurrentVersionDays: b.noncurrentVersionDays }
      : {};
  return new SinkBucket(`${s.userId}-bucket`, {
    bucketName: b.name,
    mode: b.mode,
    ...created,
    protect: !s.isDev,
  });
}

/** The SSH connection of remote topic management; the key only ever as a secret. */
export function clientConnection(s: Settings, host: string): KafkaClientConnection {
  return {
    host,
    user: s.client.user,
    port: s.client.port,
    privateKey: new pulumi.Config().requireSecret("sshPrivateKey"),
  };
}

/** The zip in the sink bucket: written after the bucket's versioning, kept on destroy unless the stack owns the bucket. */
export function pluginObject(s: Settings, source: PluginSource, sink: SinkBucket): PluginObject {
  const created = s.bucket.mode === ResourceMode.Create;
  return new PluginObject(
    `${s.userId}-plugin-object`,
    {
      bucketName: sink.bucketName,
      key: s.plugin.objectKey,
      source: source.location,
      sourceKind: source.kind,
      sha256: source.sha256,
      versionedBucket: created,
      // Never delete from a bucket the stack does not own: the zip may be the one uploaded by hand.
      retainOnDelete: !created,
    },
    { dependsOn: sink.versioning ? [sink.versioning] : [] },
  );
}

/** The S3 gateway endpoint on the workers' route tables, when the stack is to add one (network.s3GatewayEndpoint). */
export function s3Endpoint(
  name: string,
  placement: S3EndpointPlacement | undefined,
): NetworkPrerequisites | undefined {
  if (!placement) return undefined;
  const { vpcId, serviceName, routeTableIds } = placement;
  return new NetworkPrerequisites(name, { vpcId, s3ServiceName: serviceName, routeTableIds });
}
