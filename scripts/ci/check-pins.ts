/**
 * `npx ts-node -T scripts/ci/check-pins.ts` (part of `npm run lint`): the pins the workflows and the tests
 * must agree on, each problem on one line. actionlint checks everything else in the workflows.
 * - The Pulumi CLI: .pulumi-version is one exact version, the one the engine tier builds
 *   (shared/engine/build.sh beside the checkout, found as it/engine.sh finds it), installed only by
 *   .github/actions/setup (pulumi/actions, pulumi-version-file).
 * - Node.js: every job gets .node-version through .github/actions/setup; package.json `engines` names its major.
 * - AWS sessions: a job that assumes a role asks for at least its timeout (role-duration-seconds ≥ 60 ×
 *   timeout-minutes; STS allows 900 to 43,200), so steps that clean up at the timeout still have credentials.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  "timeout-minutes"?: number;
  steps?: Step[];
}

export function pinProblems(root: string): string[] {
  const read = (f: string) => readFileSync(join(root, f), "utf8");
  const problems: string[] = [];
  const cli = read(".pulumi-version").trim();
  if (!/^\d+\.\d+\.\d+$/.test(cli)) problems.push(`.pulumi-version "${cli}" is not one exact version`);
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
    const build = join(dir, "shared", "engine", "build.sh");
    if (!existsSync(build)) continue;
    const built = /^CLI=v(\S+)/m.exec(readFileSync(build, "utf8"))?.[1];
    if (built !== cli)
      problems.push(
        `.pulumi-version ${cli} differs from the CLI the engine tier builds (${build}: ${built})`,
      );
    break;
  }
  const node = read(".node-version").trim();
  const engines = (JSON.parse(read("package.json")) as { engines?: { node?: string } }).engines?.node;
  if (engines !== `>=${node.split(".")[0]}`)
    problems.push(
      `package.json engines.node "${engines}" is not ">=${node.split(".")[0]}" (.node-version ${node})`,
    );
  const files = readdirSync(join(root, ".github", "workflows")).map((f) => `.github/workflows/${f}`);
  for (const file of [...files, ".github/actions/setup/action.yml"]) {
    const doc = parse(read(file)) as { jobs?: Record<string, Job>; runs?: { steps: Step[] } };
    const jobs = Object.entries(doc.jobs ?? { setup: { steps: doc.runs?.steps } });
    for (const [id, job] of jobs)
      for (const step of job.steps ?? []) {
        const where = `${file}: ${id}: ${step.uses}`;
        const w = step.with ?? {};
        if (
          step.uses?.startsWith("pulumi/actions") &&
          (w["pulumi-version"] || w["pulumi-version-file"] !== ".pulumi-version")
        )
          problems.push(`${where} must install the CLI from pulumi-version-file: .pulumi-version`);
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
