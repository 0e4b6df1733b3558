import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PluginSourceKind } from "../lib/config/enums";
import { pinnedVersion, pluginArchive, pluginContentId, unpinnedMessage } from "../lib/s3/plugin";

export interface PluginObjectArgs {
  /** Bucket that holds the zip (the sink bucket). */
  bucketName: pulumi.Input<string>;
  /** Object key, `kafka-connect-s3/<file name>`. */
  key: string;
  /** Local file path (verified before upload) or https URL the provider downloads. */
  source: string;
  /** Whether `source` is a file or a URL. */
  sourceKind: PluginSourceKind;
  /** SHA-256 of a file source; without it the uploaded object's ETag identifies the content. */
  sha256?: string;
  /** The bucket is versioned by this stack: an object without a version id is an error, not an unpinned plugin. */
  versionedBucket: boolean;
  /** Keep the object when it leaves the stack (a bucket the stack does not own). Default false. */
  retainOnDelete?: boolean;
}

/**
 * The connector zip as an S3 object; its version id pins the custom plugin, and its content id makes a
 * new zip a new plugin. Pass the bucket's versioning in `dependsOn`: an object written before versioning
 * is in place gets no version id.
 */
export class PluginObject extends pulumi.ComponentResource {
  /** Object key. */
  readonly key: pulumi.Output<string>;
  /** S3 version id, empty when the bucket is not versioned. */
  readonly versionId: pulumi.Output<string>;
  /** `sha256:<hex>` or `etag:<etag>`: changes exactly when the zip's content does. */
  readonly contentId: pulumi.Output<string>;

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
        contentType: pluginArchive(args.key).mediaType,
      },
      {
        parent: this,
        // Children do not inherit the component's dependsOn: the upload itself waits for versioning.
        dependsOn: opts?.dependsOn,
        retainOnDelete: args.retainOnDelete ?? false,
      },
    );
    this.key = object.key;
    this.versionId = pulumi.all([object.versionId, object.urn]).apply(([versionId, urn]) => {
      if (args.versionedBucket && pinnedVersion(versionId) === undefined)
        throw new pulumi.ResourceError(unpinnedMessage(args.key, urn), object);
      return versionId;
    });
    this.contentId = object.etag.apply((etag) => pluginContentId(args.sha256, etag));
    this.registerOutputs({ key: this.key, versionId: this.versionId, contentId: this.contentId });
  }
}
