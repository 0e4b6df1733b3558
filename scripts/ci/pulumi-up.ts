/**
 * `npx ts-node -T scripts/ci/pulumi-up.ts <stack>`: selects the stack (a missing one fails with the
 * one-time setup commands) and runs `pulumi up` with the policy pack; exits with its status.
 * DEPLOY_MESSAGE becomes the update's message.
 */
import { CiError, Env, POLICY_PACK, Runner, runMain, spawnRunner } from "./run";
import { selectStack } from "./stack";

/** The `pulumi up` arguments for a selected stack. */
export const upArgs = (qualified: string, message: string): string[] => [
  "up",
  "--stack",
  qualified,
  "--policy-pack",
  POLICY_PACK,
  "--yes",
  "--diff",
  "--suppress-outputs",
  "--non-interactive",
  "--message",
  message,
];

export function main(argv: string[], env: Env, run: Runner): number {
  const [stack] = argv;
  if (!stack) throw new CiError("usage: pulumi-up.ts <stack>");
  const qualified = selectStack(run, stack, env);
  const message = env.DEPLOY_MESSAGE || `deploy ${env.GITHUB_SHA ?? "(local)"}`;
  return run("pulumi", upArgs(qualified, message), { inherit: true }).status;
}

if (require.main === module) runMain(() => main(process.argv.slice(2), process.env, spawnRunner));
