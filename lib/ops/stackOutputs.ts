/**
 * Reading a deployed stack the way scripts/pulumi.sh reaches it: the same backend rule (PULUMI_BACKEND_URL,
 * else file://<repo>/.pulumi-state), the same CLI choice (scripts/pulumi-cli.sh: the user's CLI, else the
 * pinned npm package),
 * and every failure turned into one sentence that says what to do.
 */
import { type VerifyTarget, verifyTargetSchema } from "./verifyTarget";

/** A failure verify reports as its reason and exits non-zero for. */
export class VerifyError extends Error {
  override name = "VerifyError";
}

/** Environment for the CLI: the backend scripts/pulumi.sh would use. */
export function pulumiEnv(env: NodeJS.ProcessEnv, repoDir: string): NodeJS.ProcessEnv {
  return { ...env, PULUMI_BACKEND_URL: env.PULUMI_BACKEND_URL || `file://${repoDir}/.pulumi-state` };
}

/** The CLI to run: the user's `pulumi` when there is one (scripts/pulumi-cli.sh --user-only), else the `pulumi` npm package (pinned in devDependencies). */
export function pulumiCommand(userCli: string | undefined): { file: string; args: string[] } {
  return userCli ? { file: userCli, args: [] } : { file: "npx", args: ["--no-install", "pulumi"] };
}

/** `pulumi stack output --json --stack <stack>`. */
export const outputArgs = (stack: string) => ["stack", "output", "--json", "--stack", stack];
/** `pulumi config get <key> --stack <stack>` (decrypts a secret with the stack's secrets provider). */
export const configGetArgs = (stack: string, key: string) => ["config", "get", key, "--stack", stack];

/** Stacks this project defines: its Pulumi.<stack>.yaml files. */
export function knownStacks(files: readonly string[]): string[] {
  return files.flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []).sort();
}

/** Refuses a stack with no stack file before anything runs. */
export function unknownStackProblem(stack: string, stacks: readonly string[]): string | undefined {
  return stacks.includes(stack)
    ? undefined
    : `unknown stack "${stack}": there is no Pulumi.${stack}.yaml (stacks: ${stacks.join(", ")})`;
}

/** The CLI's own error, said for a person who ran `npm run verify -- <stack>`. */
export function pulumiFailure(stderr: string, stack: string, backend: string): string {
  const said = stderr.trim().split("\n").filter(Boolean).pop() ?? "(no output)";
  if (/no stack named/.test(stderr))
    return `stack "${stack}" is not deployed in ${backend}: run \`npm run up -- ${stack}\` first, or set PULUMI_BACKEND_URL to where it lives (${said})`;
  const missing = /configuration key '([^']+)' not found/.exec(stderr)?.[1];
  if (missing)
    return `stack "${stack}" has no ${missing}: set it with \`npm run pulumi -- config set --secret ${missing} --stack ${stack} < key.pem\``;
  if (/passphrase/i.test(stderr))
    return `cannot decrypt stack "${stack}": set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) as for npm run up (${said})`;
  return `pulumi failed for stack "${stack}": ${said}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The `verifyTarget` output of `pulumi stack output --json`, checked field by field. */
export function parseVerifyTarget(json: string, stack: string): VerifyTarget {
  let outputs: unknown;
  try {
    outputs = JSON.parse(json);
  } catch {
    throw new VerifyError(`pulumi stack output for "${stack}" is not JSON: ${json.slice(0, 200)}`);
  }
  const t = isObject(outputs) ? outputs["verifyTarget"] : undefined;
  if (!isObject(t)) {
    const keys = isObject(outputs) ? Object.keys(outputs) : [];
    throw new VerifyError(
      keys.length === 0
        ? `stack "${stack}" has no outputs: run \`npm run up -- ${stack}\` first`
        : `stack "${stack}" has no verifyTarget output (it has ${keys.join(", ")}): run \`npm run up -- ${stack}\` with this version of the program`,
    );
  }
  const parsed = verifyTargetSchema.safeParse(t);
  if (!parsed.success)
    throw new VerifyError(
      `stack "${stack}": verifyTarget has no valid ${[...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(", ")}: run \`npm run up -- ${stack}\` again`,
    );
  return parsed.data;
}
