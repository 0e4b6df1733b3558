/**
 * `npx ts-node -T scripts/ci/check-pins.ts` (part of `npm run lint`): the pins the workflows and the tests
 * must agree on, each problem on one line. actionlint checks everything else in the workflows.
 * - The Pulumi CLI: package.json's `pulumi` devDependency is one exact version, the only one pulumi/actions
 *   installs (`cli` step of .github/actions/setup) and the one the engine tier builds (it/engine.sh).
 * - Node.js: every job gets .node-version through .github/actions/setup; package.json `engines` names its major.
 * - AWS sessions: a job that assumes a role asks for at least its timeout (role-duration-seconds ≥ 60 ×
 *   timeout-minutes; STS allows 900 to 43,200), so steps that clean up at the timeout still have credentials.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  "timeout-minutes"?: number;
  steps?: Step[];
}
interface Package {
  engines?: { node?: string };
  devDependencies?: { pulumi?: string };
}

export const PULUMI_VERSION = "${{ steps.cli.outputs.version }}";

export function pinProblems(root: string): string[] {
  const read = (f: string) => readFileSync(join(root, f), "utf8");
  const problems: string[] = [];
  const pkg = JSON.parse(read("package.json")) as Package;
  const cli = pkg.devDependencies?.pulumi;
  if (!/^\d+\.\d+\.\d+$/.test(cli ?? ""))
    problems.push(`package.json devDependencies.pulumi "${cli}" is not one exact version`);
  const node = read(".node-version").trim().split(".")[0];
  if (pkg.engines?.node !== `>=${node}`)
    problems.push(
      `package.json engines.node "${pkg.engines?.node}" is not ">=${node}" (.node-version ${read(".node-version").trim()})`,
    );
  const files = readdirSync(join(root, ".github", "workflows")).map((f) => `.github/workflows/${f}`);
  for (const file of [...files, ".github/actions/setup/action.yml"]) {
    const doc = parse(read(file)) as { jobs?: Record<string, Job>; runs?: { steps: Step[] } };
    for (const [id, job] of Object.entries(doc.jobs ?? { setup: { steps: doc.runs?.steps } }))
      for (const step of job.steps ?? []) {
        const where = `${file}: ${id}: ${step.uses}`;
        const w = step.with ?? {};
        if (step.uses?.startsWith("pulumi/actions") && (w["pulumi-version"] !== PULUMI_VERSION || !doc.runs))
          problems.push(`${where} must install package.json's pin: pulumi-version: ${PULUMI_VERSION}`);
        if (
          step.uses?.startsWith("actions/setup-node") &&
          (w["node-version"] || w["node-version-file"] !== ".node-version")
        )
          problems.push(`${where} must take node-version-file: .node-version`);
        if (step.uses?.startsWith("aws-actions/configure-aws-credentials")) {
          const seconds = Number(w["role-duration-seconds"]);
          const needed = 60 * (job["timeout-minutes"] ?? 360);
          if (!(seconds >= Math.max(needed, 900) && seconds <= 43200))
            problems.push(
              `${where}: role-duration-seconds ${String(w["role-duration-seconds"])} must cover timeout-minutes ${job["timeout-minutes"]} (${needed} s) and lie in 900–43200`,
            );
        }
      }
  }
  return problems;
}

if (require.main === module) {
  const problems = pinProblems(join(__dirname, "..", ".."));
  for (const p of problems) console.error(`check-pins: ${p}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
