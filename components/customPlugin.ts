import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { pinnedVersion } from "../lib/s3/plugin";

export interface CustomPluginArgs {
  /** Plugin name, `<id>-plugin` (the name the walkthrough's account allows). */
  pluginName: string;
  /** ARN of the bucket holding the zip. */
  bucketArn: pulumi.Input<string>;
  /** Key of the zip in that bucket. */
  fileKey: pulumi.Input<string>;
  /** S3 version id to pin; empty or "null" (unversioned bucket) pins nothing. */
  objectVersion: pulumi.Input<string>;
}

/** MSK Connect custom plugin made from the zip; immutable, so a new zip replaces it under the same name. */
export class CustomPlugin extends pulumi.ComponentResource {
  /** Plugin ARN. */
  readonly arn: pulumi.Output<string>;
  /** Revision the connector runs. */
  readonly revision: pulumi.Output<number>;

  constructor(name: string, args: CustomPluginArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:CustomPlugin", name, {}, opts);
    const plugin = new aws.mskconnect.CustomPlugin(
      name,
      {
        name: args.pluginName,
        contentType: pulumi.output(args.fileKey).apply((k) => (k.endsWith(".jar") ? "JAR" : "ZIP")),
        location: {
          s3: {
            bucketArn: args.bucketArn,
            fileKey: args.fileKey,
            objectVersion: pulumi.output(args.objectVersion).apply(pinnedVersion),
          },
        },
      },
      { parent: this, deleteBeforeReplace: true },
    );
    this.arn = plugin.arn;
    this.revision = plugin.latestRevision;
    this.registerOutputs({ arn: this.arn, revision: this.revision });
  }
}
