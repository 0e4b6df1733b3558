import { parseKmsArn } from "../config/arns";
import { ConfigError, describeProblem, oneLine } from "../config/errors";

/** What `aws.kms.getAlias` answers for an alias. */
export interface FoundAlias {
  arn: string;
  targetKeyArn: string;
}

/** The alias lookup's outcome: the alias, undefined when the provider found none, or another failure. */
export type AliasLookup = FoundAlias | { failed: unknown } | undefined;

const KEY_ARN = "give the key ARN (arn:…:kms:<region>:<account>:key/<id>)";

/**
 * The key ARN to put in the role policy's `Resource` and a created bucket's SSE: the configured key, or
 * the key an alias points to. An alias there would grant nothing on the key ("alias authorization" in
 * the AWS KMS developer guide). Throws a ConfigError, at `path`, when the alias lookup failed, found
 * nothing, or found another alias (another account's alias cannot be looked up from this one).
 */
export function kmsKeyArnOf(configured: string, path: readonly string[], lookup?: AliasLookup): string {
  const arn = parseKmsArn(configured);
  if (!arn || arn.kind === "key") return configured;
  const problem = (message: string) =>
    new ConfigError([describeProblem(atPath(path, configured), path, message)]);
  if (lookup && "failed" in lookup)
    throw problem(
      `the alias could not be read (${oneLine(lookup.failed)}): the deployer needs kms:ListAliases and kms:DescribeKey (what aws.kms.getAlias calls), or ${KEY_ARN}`,
    );
  if (!lookup) throw problem(`no such alias in this account and region; ${KEY_ARN}`);
  if (lookup.arn !== configured || !parseKmsArn(lookup.targetKeyArn))
    throw problem(`the alias in this account is ${lookup.arn}; ${KEY_ARN}`);
  return lookup.targetKeyArn;
}

/** `{ bucket: { create: { kmsKeyArn: value } } }` for a path: the raw config a problem quotes. */
function atPath(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}
