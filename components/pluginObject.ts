import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PluginSourceKind } from "../lib/config/enums";

export interface PluginObjectArgs {
  /** Bucket that holds the zip (the sink bucket). */
  bucketName: pulumi.Input<string>;
  /** Object key, `kafka-connect-s3/<file name>`. */
  key: string;
  /** Local file path (verified before upload) or https URL the provider downloads. */
  source: string;
  /** Whether `source` is a file or a URL. */
  sourceKind: PluginSourceKind;
}

/** The connector zip as an S3 object; its version id pins the custom plugin. */
export class PluginObject extends pulumi.ComponentResource {
  /** Object key. */
  readonly key: pulumi.Output<string>;
  /** S3 version id, empty when the bucket is not versioned. */
  readonly versionId: pulumi.Output<string>;

  constructor(name: string, args: PluginObjectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:PluginObject", name, {}, opts);
    const source =
      args.sourceKind === PluginSourceKind.File
        ? new pulumi.asset.FileAsset(args.source)
        : new pulumi.asset.RemoteAsset(args.source);
    const object = new aws.s3.BucketObjectv2(
      name,
      {
        bucket: args.bucketName,
        key: args.key,
        source,
        contentType: args.key.endsWith(".jar") ? "application/java-archive" : "application/zip",
      },
      { parent: this },
    );
    this.key = object.key;
    this.versionId = object.versionId;
    this.registerOutputs({ key: this.key, versionId: this.versionId });
  }
}
