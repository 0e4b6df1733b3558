/** Rules that keep the sink bucket's data reachable only over TLS and keep it from being thrown away. */
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { conditionValues, list, Statement, statementsOf } from "./documents";
import { ENVIRONMENT_SCHEMA, environmentOf, isDev } from "./env";

const isAnyone = (p: unknown) => p === "*" || list((p as { AWS?: unknown } | undefined)?.AWS).includes("*");
const FALSE = (v: unknown) => v === false || v === "false";

/** Deny, to anyone, every S3 action on the bucket and its objects when `aws:SecureTransport` is false. */
export function deniesInsecureTransport(s: Statement): boolean {
  const resources = list(s.Resource);
  const coversBucket =
    resources.includes("*") || resources.some((r) => !r.includes("/") && resources.includes(`${r}/*`));
  return (
    s.Effect === "Deny" &&
    isAnyone(s.Principal) &&
    list(s.Action).some((a) => a === "*" || a === "s3:*") &&
    coversBucket &&
    conditionValues(s, "aws:SecureTransport", ["Bool", "BoolIfExists"]).some(FALSE)
  );
}

/** Records and the IAM-signed requests for them must never cross the network in clear text. */
export const bucketTlsOnly: ResourceValidationPolicy = {
  name: "sink-bucket-tls-only",
  description: "The bucket policy denies every request made without TLS (aws:SecureTransport false).",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(aws.s3.BucketPolicy, (bp, _args, report) => {
    const statements = statementsOf(bp.policy);
    if (!statements) return report("policy is not a JSON policy document with a Statement");
    if (!statements.some(deniesInsecureTransport))
      report(
        'no statement denies non-TLS requests: add Effect "Deny", Principal "*", Action "s3:*", Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport "false"',
      );
  }),
};

/** `forceDestroy` lets `pulumi destroy` empty the bucket; outside dev that deletes the only copy of the sink data. */
export const bucketNoForceDestroy: ResourceValidationPolicy = {
  name: "sink-bucket-no-force-destroy",
  description: "forceDestroy is not true outside the dev environment.",
  enforcementLevel: "mandatory",
  configSchema: ENVIRONMENT_SCHEMA,
  validateResource: validateResourceOfType(aws.s3.Bucket, (bucket, args, report) => {
    const config = args.getConfig<{ environment?: string }>();
    if (bucket.forceDestroy === true && !isDev(config, args.urn))
      report(
        `forceDestroy is true in environment "${environmentOf(config, args.urn)}": destroy would delete every sink object; only dev may set it`,
      );
  }),
};

/** Expiry days or date of an enabled rule's current-version expiration (a delete-marker cleanup is harmless). */
function expiresCurrent(rule: {
  status?: string;
  enabled?: boolean;
  expiration?: unknown;
}): string | undefined {
  if (rule.status !== undefined ? rule.status !== "Enabled" : rule.enabled === false) return undefined;
  const expirations = (Array.isArray(rule.expiration) ? rule.expiration : [rule.expiration]) as (
    { days?: number; date?: string } | undefined
  )[];
  const e = expirations.find((x) => x?.days !== undefined || x?.date !== undefined);
  return e === undefined ? undefined : e.days !== undefined ? `days=${e.days}` : `date=${e.date}`;
}

/** The sink bucket is the record of the topics: lifecycle may drop superseded versions and failed uploads, never current data. */
export const bucketKeepsCurrentData: ResourceValidationPolicy = {
  name: "sink-bucket-keeps-current-data",
  description: "No enabled lifecycle rule expires current object versions.",
  enforcementLevel: "mandatory",
  validateResource: [
    validateResourceOfType(aws.s3.BucketLifecycleConfiguration, (lc, _args, report) => {
      for (const rule of lc.rules ?? []) {
        const when = expiresCurrent(rule);
        if (when)
          report(
            `rule "${rule.id}" expires current objects (expiration ${when}): expire only noncurrent versions`,
          );
      }
    }),
    validateResourceOfType(aws.s3.Bucket, (bucket, _args, report) => {
      for (const rule of bucket.lifecycleRules ?? []) {
        const when = expiresCurrent(rule);
        if (when)
          report(
            `lifecycleRules "${rule.id ?? "?"}" expires current objects (expiration ${when}): expire only noncurrent versions`,
          );
      }
    }),
  ],
};
