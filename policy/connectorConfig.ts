/** The MSK Connect connector: its S3 sink configuration, name and topic selection. */
import { ResourceValidationPolicy } from "@pulumi/policy";
import { onConnector } from "./connector";
import { javaRegexLiteral } from "../lib/config/names";
import { selectionOf, selectionProblems } from "../lib/kafka/topicSelection";

/** `s3.region` defaults to us-west-2: a mismatch writes cross-region (cost, latency, residency) or fails. */
export const connectorS3Region: ResourceValidationPolicy = {
  name: "connector-s3-region",
  description: "s3.region equals the stack's AWS region.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      region: {
        type: "string",
        description: "The stack's region, when the resource's provider does not carry one",
      },
    },
  },
  validateResource: onConnector((c, args, report) => {
    // The stack's region is the default provider's `region` (from aws:region config).
    const region =
      (args.provider?.props["region"] as string | undefined) ?? args.getConfig<{ region?: string }>().region;
    const s3Region = c.connectorConfiguration?.["s3.region"];
    if (!region) report("cannot tell the stack's region: set aws:region (or this policy's region config)");
    else if (s3Region !== region)
      report(
        `s3.region is ${JSON.stringify(s3Region ?? "us-west-2 (unset)")}: must equal the stack's region "${region}"`,
      );
  }),
};

/** The 10.0.3 default `fail` stops the task at the first tombstone; the choice should be explicit. */
export const connectorNullValues: ResourceValidationPolicy = {
  name: "connector-null-values-explicit",
  description: "behavior.on.null.values is set explicitly.",
  enforcementLevel: "advisory",
  validateResource: onConnector((c, _args, report) => {
    if (c.connectorConfiguration?.["behavior.on.null.values"] === undefined)
      report(
        'behavior.on.null.values is not set: the default "fail" stops the task at the first tombstone; set "ignore" (or "fail" on purpose)',
      );
  }),
};

/**
 * Offsets live in consumer group `connect-<name>` and names are unique per account and region: the
 * name must be fixed (not auto-named) and a replacement must delete the old connector first.
 */
export const connectorStableName: ResourceValidationPolicy = {
  name: "connector-stable-name",
  description: "The connector has an explicit name and deleteBeforeReplace.",
  enforcementLevel: "mandatory",
  validateResource: onConnector((c, args, report) => {
    if (!c.name)
      report(
        "name is not set: an auto-generated name changes on replacement and with it the offsets' consumer group",
      );
    else if (new RegExp(`^${javaRegexLiteral(args.name)}-[0-9a-f]{7}$`).test(c.name))
      report(
        `name "${c.name}" is auto-generated: set a fixed name so the offsets' consumer group survives replacement`,
      );
    if (args.opts.deleteBeforeReplace !== true)
      report(
        "deleteBeforeReplace is not set: the replacement would collide with the old connector's name (unique per account and region)",
      );
  }),
};

/** A catch-all or open-prefix selection sinks Connect's own topics and anyone's new topics into the bucket. */
export const connectorTopicSelection: ResourceValidationPolicy = {
  name: "connector-topic-selection",
  description: "The topic selection is explicit: no catch-all, no open <prefix>.*, no internal topics.",
  enforcementLevel: "mandatory",
  validateResource: onConnector((c, _args, report) => {
    for (const problem of selectionProblems(selectionOf(c.connectorConfiguration ?? {}))) report(problem);
  }),
};
