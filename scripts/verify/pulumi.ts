/** Runs the Pulumi CLI as scripts/pulumi.sh does (same backend, same CLI choice) and turns failures into reasons. */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import {
  configGetArgs,
  outputArgs,
  pulumiCommand,
  pulumiEnv,
  pulumiFailure,
  VerifyError,
} from "../../lib/ops/stackOutputs";

/**
 * The user's `pulumi` on PATH, as scripts/pulumi.sh chooses it: $PULUMI_CLI, else the first one outside
 * node_modules/.bin (which `npm run` puts first, and whose `pulumi` is only the npm package's downloader).
 */
function userCli(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PULUMI_CLI) return env.PULUMI_CLI;
  return (env.PATH ?? "")
    .split(":")
    .filter((dir) => !dir.endsWith("/node_modules/.bin"))
    .map((dir) => join(dir, "pulumi"))
    .find((file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

function pulumi(args: string[], stack: string, repoDir: string, env: NodeJS.ProcessEnv): string {
  const e = pulumiEnv(env, repoDir);
  const cmd = pulumiCommand(userCli(e));
  const r = spawnSync(cmd.file, [...cmd.args, ...args], {
    cwd: repoDir,
    env: e,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.error) throw new VerifyError(`cannot run ${cmd.file}: ${r.error.message}`);
  if (r.status !== 0) {
    if (/configuration key '[^']+' not found/.test(r.stderr))
      throw new VerifyError(
        `stack "${stack}" has no ${args[2]}: set it with \`npm run pulumi -- config set --secret ${args[2]} --stack ${stack} < key.pem\``,
      );
    throw new VerifyError(pulumiFailure(r.stderr, stack, e.PULUMI_BACKEND_URL!));
  }
  return r.stdout;
}

/** `pulumi stack output --json --stack <stack>`. */
export const stackOutputs = (stack: string, repoDir: string, env: NodeJS.ProcessEnv) =>
  pulumi(outputArgs(stack), stack, repoDir, env);

/** The stack's SSH key, decrypted by the CLI (never printed, never written to disk). */
export const sshPrivateKey = (stack: string, repoDir: string, env: NodeJS.ProcessEnv) =>
  pulumi(configGetArgs(stack, "sshPrivateKey"), stack, repoDir, env);
