import { NAMESPACE } from "./schema";

/** Thrown for any bad setting; its message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid ${NAMESPACE} configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** A problem found across settings: the config path it belongs to and what is allowed. */
export type Finding = [path: PropertyKey[], message: string, showValue?: boolean];

/** Settings whose value is a secret: stored encrypted, never echoed in a message. */
export const SECRET_KEYS: readonly string[] = ["sshPrivateKey"];

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    raw,
  );
}

/** `msk-s3-sink:topics.partitions = 0: must be …` — the key, the value as written, what is allowed. */
export function describeProblem(
  raw: unknown,
  path: readonly PropertyKey[],
  message: string,
  showValue = true,
): string {
  const key = `${NAMESPACE}:${path.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i > 0 ? "." : ""}${String(k)}`)).join("")}`;
  const value = showValue ? valueAt(raw, path) : undefined;
  if (value !== undefined && SECRET_KEYS.includes(String(path[0]))) return `${key} = [secret]: ${message}`;
  return value === undefined ? `${key}: ${message}` : `${key} = ${JSON.stringify(value)}: ${message}`;
}

/** An error's message on one line (provider errors span several), for a warning or a nested message. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}
