import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IMPORT_AS_IT_IS } from "../lib/connector/adoption";
import { pinnedVersion, pluginArchive, pluginDescription } from "../lib/s3/plugin";

export interface CustomPluginArgs {
  /** Plugin name, `<id>-plugin` (the name the walkthrough's account allows). */
  pluginName: string;
  /** ARN of the bucket holding the zip. */
  bucketArn: pulumi.Input<string>;
  /** Key of the zip in that bucket. */
  fileKey: pulumi.Input<string>;
  /** S3 version id to pin; empty or "null" (unversioned bucket) pins nothing. */
  objectVersion: pulumi.Input<string>;
  /** Identifies the zip's content (PluginObject.contentId): new content, new plugin. */
  contentId: pulumi.Input<string>;
  /** ARN of an existing plugin to adopt as it is (the `import` option, every input ignored for that run). */
  importArn?: string;
}

/**
 * MSK Connect custom plugin made from the zip; immutable (no update API), so new content replaces it
 * under the same name: the content id is in its description, which forces a replacement. In an
 * unversioned bucket that is the only thing that changes when a new zip lands at the same key.
 */
export class CustomPlugin extends pulumi.ComponentResource {
  /** Plugin ARN. */
  readonly arn: pulumi.Output<string>;
  /** Revision the connector runs. */
  readonly revision: pulumi.Output<number>;

  constructor(name: string, args: CustomPluginArgs, opts?: pulumi.ComponentResourceOptions) {
    super("msk-s3-sink:index:CustomPlugin", name, {}, opts);
    const inputs: aws.mskconnect.CustomPluginArgs = {
      name: args.pluginName,
      description: pulumi
        .all([args.fileKey, args.contentId])
        .apply(([key, id]) => pluginDescription(key, id)),
      contentType: pulumi.output(args.fileKey).apply((k) => pluginArchive(k).pluginContentType),
      location: {
        s3: {
          bucketArn: args.bucketArn,
          fileKey: args.fileKey,
          objectVersion: pulumi.output(args.objectVersion).apply(pinnedVersion),
        },
      },
    };
    const plugin = new aws.mskconnect.CustomPlugin(name, inputs, {
      parent: this,
      // The account may allow only this name: delete, then create. Pulumi deletes the connector first
      // (it depends on the plugin and is replaced with it) and creates it again after the new plugin.
      deleteBeforeReplace: true,
      ...(args.importArn ? { import: args.importArn, ignoreChanges: [...IMPORT_AS_IT_IS] } : {}),
    });
    this.arn = plugin.arn;
    this.revision = plugin.latestRevision;
    this.registerOutputs({ arn: this.arn, revision: this.revision });
  }
}
