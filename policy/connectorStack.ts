/** Stack-level connector rules: its sink bucket and its topics must be the ones this stack declares. */
import * as aws from "@pulumi/aws";
import * as command from "@pulumi/command";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { known } from "./documents";
import { topicsInScript } from "./topicScripts";
import { declaredProblems, selectionOf } from "../lib/kafka/topicSelection";

const configOf = (c: PolicyResource) =>
  (known<unknown>(() => c.props["connectorConfiguration"]) ?? {}) as Record<string, string>;
const connectorsIn = (resources: PolicyResource[]) =>
  resources.filter((r) => r.isType(aws.mskconnect.Connector));

/** Topics the stack creates: MSK API topics by name, and names in remote kafka-topics create/update scripts. */
export function declaredTopics(resources: PolicyResource[]): string[] {
  const names = resources.flatMap((r) => {
    if (r.isType(aws.msk.Topic)) return [known(() => r.props["name"] as string)];
    if (r.isType(command.remote.Command))
      return [r.props["create"], r.props["update"]].flatMap((s) =>
        typeof s === "string" ? topicsInScript(s) : [],
      );
    return [];
  });
  return [...new Set(names.filter((n): n is string => typeof n === "string"))];
}

/** The connector must write to the bucket the stack hardened (created), or the adopted one named in config. */
export const connectorSinkBucket: StackValidationPolicy = {
  name: "connector-sink-bucket",
  description:
    "s3.bucket.name is the stack's sink bucket (the created bucket, or the configured adopted one).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      sinkBucket: {
        type: "string",
        description: "Name of the adopted sink bucket (stacks that create none)",
      },
    },
  },
  validateStack: (args, report) => {
    const buckets = args.resources.filter((r) => r.isType(aws.s3.Bucket));
    const names =
      buckets.length > 0
        ? buckets.map((b) => known<unknown>(() => b.props["bucket"]))
        : [args.getConfig<{ sinkBucket?: string }>().sinkBucket];
    const expected = names.filter((n): n is string => typeof n === "string");
    if (expected.length === 0)
      args.notApplicable(
        buckets.length > 0
          ? "the created bucket's name is not known yet"
          : "the stack creates no bucket and this policy has no sinkBucket config",
      );
    for (const c of connectorsIn(args.resources)) {
      const name = configOf(c)["s3.bucket.name"];
      if (!expected.includes(name))
        report(
          `connector ${c.name}: s3.bucket.name is ${JSON.stringify(name ?? null)}: must be the sink bucket ${expected.map((e) => `"${e}"`).join(" or ")}`,
          c.urn,
        );
    }
  },
};

/** The connector must read exactly the topics the stack creates: no fewer (data left behind), no more (data leaked). */
export const connectorDeclaredTopics: StackValidationPolicy = {
  name: "connector-declared-topics",
  description: "The topic selection matches exactly the topics the stack declares.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const connectors = connectorsIn(args.resources);
    if (connectors.length === 0) args.notApplicable("the stack has no connector");
    const declared = declaredTopics(args.resources);
    for (const c of connectors) {
      for (const problem of declaredProblems(selectionOf(configOf(c)), declared))
        report(`connector ${c.name}: ${problem}`, c.urn);
    }
  },
};
