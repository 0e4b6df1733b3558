/** Runs the Pulumi CLI as scripts/pulumi.sh does (same backend, same CLI choice) and turns failures into reasons. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import {
  configGetArgs,
  outputArgs,
  pulumiCommand,
  pulumiEnv,
  pulumiFailure,
  VerifyError,
} from "../../lib/ops/stackOutputs";

/** The user's CLI as scripts/pulumi.sh picks it (scripts/pulumi-cli.sh --user-only); undefined without one. */
function userCli(env: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync("bash", [join(__dirname, "..", "pulumi-cli.sh"), "--user-only"], {
    env,
    encoding: "utf8",
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
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
  if (r.status !== 0) throw new VerifyError(pulumiFailure(r.stderr, stack, e.PULUMI_BACKEND_URL!));
  return r.stdout;
}

/** `pulumi stack output --json --stack <stack>`. */
export const stackOutputs = (stack: string, repoDir: string, env: NodeJS.ProcessEnv) =>
  pulumi(outputArgs(stack), stack, repoDir, env);

/** The stack's SSH key, decrypted by the CLI (never printed, never written to disk). */
export const sshPrivateKey = (stack: string, repoDir: string, env: NodeJS.ProcessEnv) =>
  pulumi(configGetArgs(stack, "sshPrivateKey"), stack, repoDir, env);
