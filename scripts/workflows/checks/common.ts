/** What the workflow checks share: the pins they compare against, and small helpers. */
import { Job, Step, Workflow } from "../model";

/** The pins the workflows must agree with. */
export interface Pins {
  /** `devDependencies.pulumi` in package.json. */
  packagePulumi?: string;
  /** Contents of .pulumi-version. */
  pulumiVersionFile?: string;
  /** Contents of .node-version. */
  nodeVersionFile?: string;
  /** `engines.node` in package.json. */
  engines?: string;
}

/** A check: problems as `<file>: jobs.<id>: <what is wrong and why>`. */
export type Rule = (workflows: Workflow[], pins: Pins) => string[];

export const MAIN_GUARD = "github.ref == 'refs/heads/main'";
export const PR_NUMBER = /\$\{\{\s*github\.event\.pull_request\.number\s*\}\}/;
export const SEMVER = /^\d+\.\d+\.\d+$/;

export const where = (w: Workflow, j?: Job) => (j ? `${w.file}: jobs.${j.id}` : w.file);
export const each = (ws: Workflow[], f: (w: Workflow, j: Job) => string[]) =>
  ws.flatMap((w) => w.jobs.flatMap((j) => f(w, j)));
export const isPullRequestWorkflow = (w: Workflow) => w.events.some((e) => e.startsWith("pull_request"));
export const stepIndex = (j: Job, pred: (s: Step) => boolean) => j.steps.findIndex(pred);
