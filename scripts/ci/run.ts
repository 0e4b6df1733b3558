/**
 * What the CI scripts share: running a command through an injectable runner (tests record the exact
 * argv instead of calling aws, gh or pulumi) and turning a CiError into a GitHub error annotation.
 */
import { spawnSync } from "node:child_process";

/** The policy pack every CI preview and deploy runs with (the folder, as scripts/pulumi.sh passes it). */
export const POLICY_PACK = "policy";

/** A finished command. */
export interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

/** How a command runs: `inherit` streams its output to the job log instead of capturing it. */
export interface RunOptions {
  inherit?: boolean;
}

/** Runs `cmd args…`; the real one spawns, tests pass a recorder. */
export type Runner = (cmd: string, args: string[], opts?: RunOptions) => Ran;

/** The environment a script reads (process.env, or a test's own map). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A failure whose message says what to do; printed without a stack trace. */
export class CiError extends Error {}

/** The real runner. */
export const spawnRunner: Runner = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: "utf8", stdio: opts.inherit ? "inherit" : "pipe" });
  if (r.error) throw new CiError(`${cmd}: ${r.error.message}`);
  return { status: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
};

/** Runs and throws a CiError with `what` and the command's stderr when it fails. */
export function runOk(run: Runner, cmd: string, args: string[], what: string): string {
  const r = run(cmd, args);
  if (r.status !== 0)
    throw new CiError(`${what}: ${cmd} ${args.join(" ")} exited ${r.status}\n${r.stderr.trim()}`);
  return r.stdout;
}

/** A required environment variable, or a CiError naming where to set it. */
export function need(env: Env, name: string, hint: string): string {
  const v = env[name];
  if (!v) throw new CiError(`${name} is not set: ${hint}`);
  return v;
}

/**
 * Runs a script's main and exits with its status; a CiError becomes an `::error::` annotation
 * (first line) followed by the full message.
 */
export function runMain(main: () => number): void {
  try {
    process.exitCode = main();
  } catch (e) {
    if (!(e instanceof CiError)) throw e;
    const [first] = e.message.split("\n");
    console.error(`::error::${first}`);
    console.error(e.message);
    process.exitCode = 1;
  }
}
