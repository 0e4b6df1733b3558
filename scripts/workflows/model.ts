/**
 * The parts of a GitHub Actions workflow file the project's workflow rules read, parsed from YAML
 * into plain typed objects (anything unexpected becomes `undefined`, and a rule reports it).
 */
import { parse } from "yaml";

/** A `concurrency:` block (job or workflow level). */
export interface Concurrency {
  group: string;
  /** `undefined` when the key is absent (GitHub's default is false). */
  cancelInProgress?: boolean;
  /** `single` (GitHub's default) or `max`. */
  queue?: string;
}

/** One step: `uses` with its `with:` inputs, or a `run:` script. */
export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with: Record<string, string | number | boolean>;
  continueOnError: boolean;
}

/** One job, with the keys the rules check. */
export interface Job {
  id: string;
  name?: string;
  if?: string;
  needs: string[];
  timeoutMinutes?: number;
  environment?: string;
  concurrency?: Concurrency;
  /** Values of `strategy.matrix.stack`, when the job is a matrix over stacks. */
  matrixStacks: string[];
  steps: Step[];
}

/** A parsed workflow file. */
export interface Workflow {
  file: string;
  /** Event names under `on:`. */
  events: string[];
  /** `on.push.branches`, when set. */
  pushBranches?: string[];
  concurrency?: Concurrency;
  jobs: Job[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strings = (v: unknown): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

function concurrencyOf(v: unknown): Concurrency | undefined {
  if (typeof v === "string") return { group: v };
  if (!isRecord(v) || typeof v.group !== "string") return undefined;
  const cancel = v["cancel-in-progress"];
  return {
    group: v.group,
    cancelInProgress: typeof cancel === "boolean" ? cancel : undefined,
    queue: str(v.queue),
  };
}

function stepOf(v: unknown): Step {
  const s = isRecord(v) ? v : {};
  const inputs = isRecord(s.with) ? s.with : {};
  const withs: Step["with"] = {};
  for (const [k, x] of Object.entries(inputs))
    if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") withs[k] = x;
  return {
    id: str(s.id),
    name: str(s.name),
    uses: str(s.uses),
    run: str(s.run),
    if: str(s.if),
    with: withs,
    continueOnError: s["continue-on-error"] === true,
  };
}

function jobOf(id: string, v: unknown): Job {
  const j = isRecord(v) ? v : {};
  const env = isRecord(j.environment) ? j.environment.name : j.environment;
  const matrix = isRecord(j.strategy) && isRecord(j.strategy.matrix) ? j.strategy.matrix : {};
  return {
    id,
    name: str(j.name),
    if: str(j.if),
    needs: strings(j.needs),
    timeoutMinutes: typeof j["timeout-minutes"] === "number" ? j["timeout-minutes"] : undefined,
    environment: str(env),
    concurrency: concurrencyOf(j.concurrency),
    matrixStacks: strings(matrix.stack),
    steps: Array.isArray(j.steps) ? j.steps.map(stepOf) : [],
  };
}

/** Parses one workflow file's text. */
export function parseWorkflow(file: string, text: string): Workflow {
  const doc: unknown = parse(text);
  const d = isRecord(doc) ? doc : {};
  const on = d.on;
  const events = isRecord(on) ? Object.keys(on) : strings(on);
  const push = isRecord(on) && isRecord(on.push) ? on.push : undefined;
  return {
    file,
    events,
    pushBranches: push && push.branches !== undefined ? strings(push.branches) : undefined,
    concurrency: concurrencyOf(d.concurrency),
    jobs: Object.entries(isRecord(d.jobs) ? d.jobs : {}).map(([id, j]) => jobOf(id, j)),
  };
}

/** The Pulumi commands a job runs: pulumi/actions `command:` inputs and CLI calls in `run:` scripts. */
function pulumiCommands(job: Job): string[] {
  const found: string[] = [];
  for (const s of job.steps) {
    if (s.uses?.startsWith("pulumi/actions@") && typeof s.with.command === "string")
      found.push(s.with.command);
    for (const m of (s.run ?? "").matchAll(/\bpulumi[ -](preview|up|update|destroy|refresh)\b/g))
      found.push(m[1]);
  }
  return found;
}

const DEPLOY_COMMANDS = ["up", "update", "destroy", "refresh"];

/** A job that changes a stack (`up`, `destroy`, `refresh`). */
export const isDeployJob = (job: Job): boolean =>
  pulumiCommands(job).some((c) => DEPLOY_COMMANDS.includes(c));

/** A job that only previews. */
export const isPreviewJob = (job: Job): boolean =>
  !isDeployJob(job) && pulumiCommands(job).includes("preview");

/** The step that runs a preview, if any. */
export const previewStep = (job: Job): Step | undefined =>
  job.steps.find((s) => /\bpulumi[ -]preview\b/.test(s.run ?? "") || s.with.command === "preview");

/** Expression-free text of a `${{ … }}`-bearing string, with matrix.stack and the PR number (as `<pr>`) filled in. */
export function renderGroup(group: string, stack: string | undefined): string {
  return group
    .replace(/\$\{\{\s*matrix\.stack\s*\}\}/g, stack ?? "${{ matrix.stack }}")
    .replace(/\$\{\{\s*github\.event\.pull_request\.number\s*\}\}/g, "<pr>")
    .toLowerCase();
}
