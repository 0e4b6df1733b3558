import { ConfigError, describeProblem } from "../config/errors";

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

const where = (configured: string) => ({ bucket: { create: { kmsKeyArn: configured } } });
const PATH = ["bucket", "create", "kmsKeyArn"];

/**
 * The key ARN to put in the role policy's `Resource` and the bucket's SSE: the configured key, or the
 * key an alias points to. An alias there would grant nothing on the key ("alias authorization" in the
 * AWS KMS developer guide). Throws a ConfigError when the alias found is not the configured one
 * (another account's alias cannot be looked up from this one).
 */
export function kmsKeyArnOf(configured: string, found?: FoundAlias): string {
  const arn = parseKmsArn(configured);
  if (!arn || arn.kind === "key") return configured;
  if (!found || found.arn !== configured || !parseKmsArn(found.targetKeyArn))
    throw new ConfigError([
      describeProblem(
        where(configured),
        PATH,
        found
          ? `the alias in this account is ${found.arn}; give the key ARN (arn:…:kms:<region>:<account>:key/<id>)`
          : "no such alias in this account and region; give the key ARN (arn:…:kms:<region>:<account>:key/<id>)",
      ),
    ]);
  return found.targetKeyArn;
}
