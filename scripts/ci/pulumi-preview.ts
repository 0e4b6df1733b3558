/**
 * `npx ts-node -T scripts/ci/pulumi-preview.ts <stack> <output file>`: selects the stack (a missing one
 * fails with the one-time setup commands) and runs `pulumi preview` with the policy pack, streaming the
 * output to the job log and appending it to the output file for the pull-request comment. Exits with
 * the preview's status. A preview is a dry run: topic commands do not run, so it never opens SSH.
 */
import { appendFileSync } from "node:fs";
import { CiError, Env, POLICY_PACK, Runner, runMain, spawnRunner } from "./run";
import { selectStack } from "./stack";

/** The preview, as one bash command whose $1 is the stack and $2 the output file. */
export const PREVIEW_SCRIPT = `set -o pipefail; pulumi preview --stack "$1" --policy-pack ${POLICY_PACK} --diff --suppress-outputs --color never --non-interactive 2>&1 | tee -a "$2"`;

export function main(argv: string[], env: Env, run: Runner): number {
  const [stack, out] = argv;
  if (!stack || !out) throw new CiError("usage: pulumi-preview.ts <stack> <output file>");
  let qualified: string;
  try {
    qualified = selectStack(run, stack, env);
  } catch (e) {
    if (e instanceof CiError) appendFileSync(out, `${e.message}\n`);
    throw e;
  }
  return run("bash", ["-c", PREVIEW_SCRIPT, "pulumi-preview", qualified, out], { inherit: true }).status;
}

if (require.main === module) runMain(() => main(process.argv.slice(2), process.env, spawnRunner));
