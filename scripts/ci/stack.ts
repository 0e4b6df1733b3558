/**
 * A stack as the CI jobs see it: the GitHub settings it needs, its name in the backend, selecting it
 * (with the one-time setup commands when it is missing), and whether `up` opens SSH to the EC2 client.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { TopicManagement } from "../../lib/config/enums";
import { rawStackConfig } from "../../lib/config/stackConfig";
import { configSchema } from "../../lib/config/schema";
import { CiError, Env, Runner } from "./run";

const ROOT = join(__dirname, "..", "..");

/** The committed stack file's text. */
export const stackFileText = (stack: string, root = ROOT): string =>
  readFileSync(join(root, `Pulumi.${stack}.yaml`), "utf8");

/** The stack's name in the backend: `<PULUMI_ORG>/<stack>` when vars.PULUMI_ORG is set. */
export const qualifiedStack = (stack: string, env: Env): string =>
  env.PULUMI_ORG ? `${env.PULUMI_ORG}/${stack}` : stack;

/** Where a value is set, for messages: the job's GitHub environment. */
const inEnv = (env: Env) => `in GitHub environment "${env.CI_ENVIRONMENT ?? "?"}"`;

/** What is missing from the job's GitHub settings for this stack, one sentence each. */
export function settingsProblems(stack: string, env: Env, stackFile: string): string[] {
  const p: string[] = [];
  const role = env.AWS_ROLE_ARN ?? "";
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(role))
    p.push(
      `vars.AWS_ROLE_ARN ${role ? `"${role}" is not an IAM role ARN` : "is not set"} ${inEnv(env)}: the role this job assumes through GitHub OIDC`,
    );
  if (!env.AWS_REGION) p.push(`vars.AWS_REGION is not set ${inEnv(env)}: the region of the AWS credentials`);
  if (!env.PULUMI_BACKEND_URL && !env.PULUMI_ACCESS_TOKEN)
    p.push(
      `neither vars.PULUMI_BACKEND_URL nor secrets.PULUMI_ACCESS_TOKEN is set ${inEnv(env)}: the backend that holds stack ${stack}`,
    );
  const file = parse(stackFile) as { encryptionsalt?: string } | null;
  if (file?.encryptionsalt && !env.PULUMI_CONFIG_PASSPHRASE)
    p.push(
      `secrets.PULUMI_CONFIG_PASSPHRASE is not set ${inEnv(env)}: Pulumi.${stack}.yaml's secrets use the passphrase provider`,
    );
  return p;
}

/** The one-time commands that create the stack in the backend this job uses. */
export function stackSetupText(stack: string, env: Env): string {
  const q = qualifiedStack(stack, env);
  const backend = env.PULUMI_BACKEND_URL
    ? `export PULUMI_BACKEND_URL='${env.PULUMI_BACKEND_URL}'`
    : "npm run pulumi -- login   # Pulumi Cloud, with the token stored as secrets.PULUMI_ACCESS_TOKEN";
  return [
    `Stack "${q}" does not exist in the backend this job uses. Create it once, from a checkout of main:`,
    "",
    `  ${backend}`,
    `  export PULUMI_CONFIG_PASSPHRASE='<the value of secrets.PULUMI_CONFIG_PASSPHRASE ${inEnv(env)}>'`,
    `  npm run pulumi -- stack init ${q} --secrets-provider passphrase`,
    "",
    `Pulumi.${stack}.yaml keeps its encryptionsalt when the passphrase is the one that encrypted its secrets.`,
    `Already deployed from a workstation? Move that state instead of starting empty: with the old backend`,
    `  npm run pulumi -- stack export --stack ${stack} --file ${stack}.json`,
    `then with this one, after the stack init above:`,
    `  npm run pulumi -- stack import --stack ${q} --file ${stack}.json`,
  ].join("\n");
}

/** Throws the settings problems as one CiError. */
export function checkSettings(stack: string, env: Env, stackFile: string): void {
  const problems = settingsProblems(stack, env, stackFile);
  if (problems.length > 0)
    throw new CiError(
      [
        `GitHub settings for stack ${stack} are incomplete (docs/ci-cd.md):`,
        ...problems.map((x) => `- ${x}`),
      ].join("\n"),
    );
}

/** Selects the stack (never creates it); a missing stack fails with the setup commands. */
export function selectStack(run: Runner, stack: string, env: Env): string {
  const q = qualifiedStack(stack, env);
  const r = run("pulumi", ["stack", "select", q, "--non-interactive"]);
  if (r.status === 0) return q;
  throw new CiError(`${r.stderr.trim()}\n\n${stackSetupText(stack, env)}`);
}

/** Whether `pulumi up` opens SSH from the runner, and to which port and region. */
export interface SshTarget {
  remote: boolean;
  port: number;
  region: string;
}

/** Reads topicManagement, client.port and aws:region from a stack file, with the program's own defaults. */
export function sshTarget(stackFile: string): SshTarget {
  const file = parse(stackFile) as { config?: Record<string, unknown> } | null;
  // Secrets (`secure:` ciphertext) are not needed here and cannot be decrypted without the backend.
  const isSecret = (v: unknown) => typeof v === "object" && v !== null && "secure" in v;
  const asStrings = Object.fromEntries(
    Object.entries(file?.config ?? {})
      .filter(([, v]) => !isSecret(v))
      .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  // Encrypted values were left out above, so nothing that remains is secret.
  const { raw, region } = rawStackConfig(asStrings, () => false, "this stack");
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success)
    throw new CiError(`the stack file does not validate (run npm run preview): ${parsed.error.message}`);
  return {
    remote: parsed.data.topicManagement === TopicManagement.Remote,
    port: parsed.data.client.port,
    region,
  };
}
