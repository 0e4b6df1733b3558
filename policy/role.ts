/** The execution role MSK Connect assumes (created stacks only; an adopted role is looked up, never changed). */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { kafkaScopeProblems, trustProblems, wildcardProblems } from "./iamRules";

type Documents = (props: Record<string, unknown>) => [unknown, string][];
const inlineOf: Documents = (role) =>
  ((role["inlinePolicies"] ?? []) as { name?: string; policy?: unknown }[]).map((p) => [
    p.policy,
    `inlinePolicies "${p.name ?? "?"}"`,
  ]);

/** Runs a document check on the role's inline policies and on each RolePolicy. */
function onPolicies(check: (document: unknown, what: string) => string[], withTrust = false) {
  return [
    validateResourceOfType(aws.iam.Role, (role, _args, report) => {
      const documents = inlineOf(role);
      if (withTrust) documents.unshift([role.assumeRolePolicy, "assumeRolePolicy"]);
      for (const [document, what] of documents) check(document, what).forEach((p) => report(p));
    }),
    validateResourceOfType(aws.iam.RolePolicy, (rp, _args, report) =>
      check(rp.policy, "policy").forEach((p) => report(p)),
    ),
  ];
}

/** A role that any principal, account or connector could assume would hand out the connector's access to the cluster and bucket. */
export const roleTrust: ResourceValidationPolicy = {
  name: "role-trust-kafkaconnect",
  description:
    "The role trusts only kafkaconnect.amazonaws.com, with aws:SourceAccount and aws:SourceArn (one connector) conditions.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.iam.Role, (role, _args, report) =>
    trustProblems(role.assumeRolePolicy).forEach((p) => report(p)),
  ),
};

/** `*` actions or resources turn a sink's role into a key to the whole account. */
export const roleNoWildcards: ResourceValidationPolicy = {
  name: "role-no-wildcards",
  description:
    "No Allow statement has a * action, a service:* action, a * resource, NotAction or NotResource.",
  enforcementLevel: "mandatory",
  validateResource: onPolicies(wildcardProblems, true),
};

/** The connector reads the sink topics of one cluster; kafka-cluster rights elsewhere let it read or write other data. */
export const roleKafkaScoped: ResourceValidationPolicy = {
  name: "role-kafka-scoped",
  description: "kafka-cluster actions are scoped to one cluster's ARN and its named topic and group ARNs.",
  enforcementLevel: "mandatory",
  validateResource: onPolicies(kafkaScopeProblems),
};
