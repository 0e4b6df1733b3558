/**
 * `npx ts-node -T scripts/ci/check-settings.ts <stack> [output file]`: fails, naming each missing GitHub
 * variable or secret and its environment, before a job asks AWS or the backend for anything. The
 * message is also appended to the output file, so the pull-request comment can show it.
 */
import { appendFileSync } from "node:fs";
import { CiError, Env, runMain } from "./run";
import { checkSettings, stackFileText } from "./stack";

export function main(argv: string[], env: Env, stackFile = stackFileText): number {
  const [stack, out] = argv;
  if (!stack) throw new CiError("usage: check-settings.ts <stack> [output file]");
  try {
    checkSettings(stack, env, stackFile(stack));
  } catch (e) {
    if (out && e instanceof CiError) appendFileSync(out, `${e.message}\n`);
    throw e;
  }
  console.log(`check-settings: stack ${stack} has its role, region and backend settings`);
  return 0;
}

if (require.main === module) runMain(() => main(process.argv.slice(2), process.env));
