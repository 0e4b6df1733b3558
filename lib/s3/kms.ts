import { ResourceMode } from "../config/enums";
import { ConfigError, describeProblem, oneLine } from "../config/errors";

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

/** What `aws.kms.getAlias` answers for an alias. */
export interface FoundAlias {
  arn: string;
  targetKeyArn: string;
}

/** The alias lookup's outcome: the alias, undefined when the provider found none, or another failure. */
export type AliasLookup = FoundAlias | { failed: unknown } | undefined;

/** Where the bucket's key is set: bucket.kmsKeyArn (an adopted bucket's) or bucket.create.kmsKeyArn. */
export function kmsKeyPath(mode: ResourceMode): string[] {
  return mode === ResourceMode.Adopt ? ["bucket", "kmsKeyArn"] : ["bucket", "create", "kmsKeyArn"];
}

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
