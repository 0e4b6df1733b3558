/**
 * `npx ts-node -T scripts/ci/ssh-port.ts <stack>` prints `<client.port> <aws:region>` when Pulumi.<stack>.yaml
 * manages topics over SSH (topicManagement remote), else nothing; the program's own schema fills the defaults.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { TopicManagement } from "../../lib/config/enums";
import { configSchema } from "../../lib/config/schema";
import { rawStackConfig } from "../../lib/config/stackConfig";

/** The stack file's SSH target, or undefined when its topics go through the MSK API. */
export function sshTarget(stackFile: string): { port: number; region: string } | undefined {
  const config = (parse(stackFile) as { config?: Record<string, unknown> } | null)?.config ?? {};
  // Encrypted values (`secure: …`) are left out: nothing here needs them, and they cannot be read without the backend.
  const plain = Object.entries(config).filter(([, v]) => !(typeof v === "object" && v && "secure" in v));
  const { raw, region } = rawStackConfig(
    Object.fromEntries(plain.map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
    () => false,
    "this stack",
  );
  const parsed = configSchema.parse(raw);
  return parsed.topicManagement === TopicManagement.Remote ? { port: parsed.client.port, region } : undefined;
}

if (require.main === module) {
  const target = sshTarget(
    readFileSync(join(__dirname, "..", "..", `Pulumi.${process.argv[2]}.yaml`), "utf8"),
  );
  if (target) console.log(`${target.port} ${target.region}`);
}
