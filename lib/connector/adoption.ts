/**
 * Adopting the custom plugin and connector of a walkthrough done by hand: Pulumi's `import` resource
 * option, with every input ignored for that run, so the existing resource comes under the stack exactly
 * as it is. Once the import config is removed, the next `up` applies the stack's own inputs.
 */
import type { Finding } from "../config/rules";

/**
 * `ignoreChanges` of the import run: every input, including those the program does not set (a description
 * or tags added in the console). The engine diffs the program's inputs, less these, with the imported
 * ones, and a difference would update the resource right after the import, or fail the update where it
 * replaces it (pulumi pkg/resource/deploy/step_generator.go). A root "*" resets every input to the
 * imported value (PropertyPath.reset in pulumi sdk/go/common/resource/properties_path.go, test "Single
 * wildcard at root").
 */
export const IMPORT_AS_IT_IS: readonly string[] = ["*"];

/** The parts of an MSK Connect ARN: `…:kafkaconnect:<region>:<account>:<kind>/<name>/<uuid>`. */
export function kafkaConnectArn(arn: string): { region: string; kind: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:kafkaconnect:([a-z0-9-]+):\d{12}:([a-z-]+)\/([^/]+)\/[^/]+$/.exec(arn);
  return m ? { region: m[1], kind: m[2], name: m[3] } : undefined;
}

/** An import ARN must name the resource the stack manages, in the stack's region. */
export function importFindings(
  key: "plugin" | "connector",
  arn: string | undefined,
  name: string,
  region: string,
): Finding[] {
  const parsed = arn === undefined ? undefined : kafkaConnectArn(arn);
  if (!parsed) return [];
  const findings: Finding[] = [];
  if (parsed.name !== name)
    findings.push([
      [key, "import"],
      `names ${key === "plugin" ? "custom plugin" : "connector"} "${parsed.name}", but ${key}.name is "${name}": set ${key}.name to "${parsed.name}" to adopt it`,
    ]);
  if (parsed.region !== region)
    findings.push([
      [key, "import"],
      `is in ${parsed.region}, but the stack deploys to ${region} (aws:region)`,
    ]);
  return findings;
}

/** The preview warning while a resource is being adopted: what happens now, and the step after. */
export function adoptionWarning(
  key: "plugin" | "connector",
  name: string,
  objectKey: string,
  stack: string,
): string {
  const then =
    key === "plugin"
      ? `it is then replaced by a plugin made from the stack's zip, uploaded to ${objectKey} (the stack never deletes it from a bucket it does not own)`
      : `it is then replaced by the stack's connector under the same name (minutes without delivery, offsets kept in consumer group connect-${name})`;
  return (
    `msk-s3-sink:${key}.import: adopting ${key === "plugin" ? "custom plugin" : "connector"} ${name} as it is. ` +
    `After this update, run npm run pulumi -- config rm --path ${key}.import --stack ${stack} and npm run up -- ${stack}: ${then}`
  );
}
