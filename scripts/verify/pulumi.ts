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

/** True when an executable `pulumi` is on PATH (inside `npm run`, node_modules/.bin comes first). */
function onPath(env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? "").split(":").some((dir) => {
    try {
      accessSync(join(dir, "pulumi"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function pulumi(args: string[], stack: string, repoDir: string, env: NodeJS.ProcessEnv): string {
  const e = pulumiEnv(env, repoDir);
  const cmd = pulumiCommand(onPath(e));
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
