/**
 * `npx ts-node -T scripts/workflows/check.ts [repo root]`: checks .github/workflows/*.yml against the
 * project's workflow rules (scripts/workflows/rules.ts) and the version pins; prints each problem and
 * exits 1 if there is any. Part of `npm run lint` (scripts/lint-workflows.sh).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseWorkflow, Workflow } from "./model";
import { checkWorkflows, Pins } from "./rules";

const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8").trim() : undefined);

/** The workflows under `<root>/.github/workflows`. */
export function loadWorkflows(root: string): Workflow[] {
  const dir = join(root, ".github", "workflows");
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parseWorkflow(`.github/workflows/${f}`, readFileSync(join(dir, f), "utf8")));
}

/** The pins in `<root>`: package.json, .pulumi-version, .node-version. */
export function loadPins(root: string): Pins {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    devDependencies?: Record<string, string>;
    engines?: Record<string, string>;
  };
  return {
    packagePulumi: pkg.devDependencies?.pulumi,
    pulumiVersionFile: read(join(root, ".pulumi-version")),
    nodeVersionFile: read(join(root, ".node-version")),
    engines: pkg.engines?.node,
  };
}

if (require.main === module) {
  const root = resolve(process.argv[2] ?? join(__dirname, "..", ".."));
  const workflows = loadWorkflows(root);
  const problems = checkWorkflows(workflows, loadPins(root));
  for (const p of problems) console.error(`workflow rules: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.error(`workflow rules: ${workflows.map((w) => w.file).join(", ")} pass`);
}
