import { ConfigError, describeProblem, SECRET_KEYS } from "./errors";
import { regionProblem } from "./region";
import { NAMESPACE, OBJECT_KEYS, SCALAR_KEYS } from "./schema";

/** An unknown key's value as the stack file has it: a map or list comes over as JSON. */
function asWritten(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Pulumi hands every config value over as a string, maps and lists as JSON. This turns the
 * project's keys back into the shape the schema checks, reads and checks the region (`aws:region`), and
 * refuses a secret setting stored in clear text (it would sit readable in the committed stack file).
 */
export function rawStackConfig(
  all: Readonly<Record<string, string>>,
  isSecret: (fullKey: string) => boolean,
  stack: string,
): {
  raw: Record<string, unknown>;
  region: string;
} {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [fullKey, value] of Object.entries(all)) {
    if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
    const key = fullKey.slice(NAMESPACE.length + 1);
    if (!OBJECT_KEYS.includes(key)) {
      raw[key] = SCALAR_KEYS.includes(key) ? value : asWritten(value);
      continue;
    }
    try {
      raw[key] = JSON.parse(value);
    } catch {
      problems.push(describeProblem({ [key]: value }, [key], "must be a map (YAML mapping or JSON object)"));
    }
  }
  for (const key of SECRET_KEYS)
    if (all[`${NAMESPACE}:${key}`] !== undefined && !isSecret(`${NAMESPACE}:${key}`))
      problems.push(
        `${NAMESPACE}:${key}: is stored in clear text in Pulumi.${stack}.yaml; remove it and set it encrypted: ` +
          `npm run pulumi -- config rm ${key} --stack ${stack} && npm run pulumi -- config set --secret ${key} --stack ${stack} < key.pem ` +
          "(if the clear text was ever committed or pushed, replace the key pair)",
      );
  const region = all["aws:region"];
  const regionIssue = region
    ? regionProblem(region, all["aws:skipRegionValidation"] === "true")
    : `aws:region: is required (npm run pulumi -- config set aws:region us-east-1 --stack ${stack})`;
  if (regionIssue) problems.push(regionIssue);
  if (problems.length > 0) throw new ConfigError(problems);
  return { raw, region };
}
