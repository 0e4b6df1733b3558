/** The AWS identifiers the config accepts, read as plain strings (no lookup). */

/** Any ARN's fields, `arn:<partition>:<service>:<region>:<account>:<resource>`, the resource split at "/". */
export function arnParts(arn: string): { region?: string; account?: string; resource: string[] } {
  const [, , , region, account, ...rest] = arn.split(":");
  return { region, account, resource: rest.join(":").split("/") };
}

/** The parts of a KMS key or alias ARN. */
export interface KmsArn {
  region: string;
  account: string;
  /** A key (`key/<id>`) or an alias (`alias/<name>`). */
  kind: "key" | "alias";
  /** `key/<id>` or `alias/<name>`: what KMS calls the resource; an alias's name for `aws.kms.getAlias`. */
  resource: string;
}

/** Reads a KMS key or alias ARN; undefined for anything else. */
export function parseKmsArn(arn: string): KmsArn | undefined {
  const m = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):((key|alias)\/.+)$/.exec(arn);
  return m ? { region: m[1], account: m[2], kind: m[4] as "key" | "alias", resource: m[3] } : undefined;
}

/** The parts of an MSK Connect ARN: `…:kafkaconnect:<region>:<account>:<kind>/<name>/<uuid>`. */
export function kafkaConnectArn(arn: string): { region: string; kind: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:kafkaconnect:([a-z0-9-]+):\d{12}:([a-z-]+)\/([^/]+)\/[^/]+$/.exec(arn);
  return m ? { region: m[1], kind: m[2], name: m[3] } : undefined;
}

/**
 * A KMS-encrypted topic receives CloudWatch's messages only when the key policy lets
 * `cloudwatch.amazonaws.com` call kms:Decrypt and kms:GenerateDataKey*; the AWS managed key alias/aws/sns
 * cannot be changed to allow it:
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 * https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns
 */
export const KEY_POLICY_NEED =
  "its key policy must allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*, or CloudWatch cannot publish to it";

/** True for the AWS managed SNS key, by alias name or alias ARN. */
export const isAwsManagedSnsKey = (key: string) => /(^|:)alias\/aws\/sns$/.test(key);
