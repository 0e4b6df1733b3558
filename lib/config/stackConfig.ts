import { ConfigError, describeProblem } from "./errors";
import { NAMESPACE, OBJECT_KEYS } from "./schema";

/**
 * Pulumi hands every config value over as a string, maps and lists as JSON. This turns the
 * project's keys back into the shape the schema checks, and reads the region from `aws:region`.
 */
export function rawStackConfig(all: Readonly<Record<string, string>>): {
  raw: Record<string, unknown>;
  region: string;
} {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [fullKey, value] of Object.entries(all)) {
    if (!fullKey.startsWith(`${NAMESPACE}:`)) continue;
    const key = fullKey.slice(NAMESPACE.length + 1);
    if (!OBJECT_KEYS.includes(key)) {
      raw[key] = value;
      continue;
    }
    try {
      raw[key] = JSON.parse(value);
    } catch {
      problems.push(describeProblem({ [key]: value }, [key], "must be a map (YAML mapping or JSON object)"));
    }
  }
  const region = all["aws:region"];
  if (!region) problems.push("aws:region: is required (pulumi config set aws:region us-east-1)");
  if (problems.length > 0) throw new ConfigError(problems);
  return { raw, region };
}
