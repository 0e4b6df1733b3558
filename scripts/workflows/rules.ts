/**
 * Offline rules for .github/workflows (run by `npm run lint` through scripts/workflows/check.ts).
 * Each rule returns problems as `<file>: <job>: <what is wrong and why>`; none needs GitHub.
 */
import {
  Job,
  Step,
  Workflow,
  isDeployJob,
  isPreviewJob,
  previewStep,
  pulumiCommands,
  renderGroup,
} from "./model";

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

export type Rule = (workflows: Workflow[], pins: Pins) => string[];

/** The first major version of each action that runs on Node 24 (Node 20 is past end of life). */
export const NODE24_ACTIONS: Record<string, number> = {
  "actions/checkout": 5,
  "actions/setup-node": 5,
  "actions/setup-go": 6,
  "aws-actions/configure-aws-credentials": 6,
  "pulumi/actions": 7,
};

const MAIN_GUARD = "github.ref == 'refs/heads/main'";
const PR_NUMBER = /\$\{\{\s*github\.event\.pull_request\.number\s*\}\}/;
const SEMVER = /^\d+\.\d+\.\d+$/;

const where = (w: Workflow, j?: Job) => (j ? `${w.file}: jobs.${j.id}` : w.file);
const each = (ws: Workflow[], f: (w: Workflow, j: Job) => string[]) =>
  ws.flatMap((w) => w.jobs.flatMap((j) => f(w, j)));
const isPullRequestWorkflow = (w: Workflow) => w.events.some((e) => e.startsWith("pull_request"));
const stepIndex = (j: Job, pred: (s: Step) => boolean) => j.steps.findIndex(pred);

/** Skipped jobs report their name unexpanded: a required check named `x (${{ … }})` never resolves. */
export const staticJobNames: Rule = (ws) =>
  each(ws, (w, j) =>
    j.name?.includes("${{")
      ? [
          `${where(w, j)}: name "${j.name}" has an expression; a skipped job reports it unexpanded, so use a static name`,
        ]
      : j.name === undefined
        ? [`${where(w, j)}: has no name; give it a static one (it is what branch protection requires)`]
        : [],
  );

/** Pull-request workflows end in one always-run job that needs every other job: the check to require. */
export const pullRequestSummary: Rule = (ws) =>
  ws.filter(isPullRequestWorkflow).flatMap((w) => {
    const others = (s: Job) => w.jobs.filter((j) => j !== s).map((j) => j.id);
    const summary = w.jobs.find(
      (s) => (s.if ?? "").includes("always()") && others(s).every((id) => s.needs.includes(id)),
    );
    return summary
      ? []
      : [
          `${w.file}: no summary job with \`if: always()\` that needs every other job (the check branch protection requires)`,
        ];
  });

/** Previews take no stack lock: one group per PR and stack, a newer push cancelling the older preview. */
export const previewConcurrency: Rule = (ws) =>
  each(ws, (w, j) => {
    if (!isPreviewJob(j)) return [];
    const c = j.concurrency;
    const problems: string[] = [];
    if (!c || !PR_NUMBER.test(c.group))
      problems.push(
        `${where(w, j)}: a preview needs a concurrency group per pull request (github.event.pull_request.number)`,
      );
    if (c && j.matrixStacks.length > 0 && !/matrix\.stack/.test(c.group))
      problems.push(
        `${where(w, j)}: the preview's concurrency group must include matrix.stack (one group per stack)`,
      );
    if (c && c.cancelInProgress !== true)
      problems.push(
        `${where(w, j)}: a preview's concurrency group needs cancel-in-progress: true (a newer push supersedes it)`,
      );
    return problems;
  });

/** Deploys are queued, never cancelled or dropped: cancel-in-progress false and queue: max, per stack. */
export const deployConcurrency: Rule = (ws) =>
  ws.flatMap((w) => {
    const problems = each([w], (_, j) => {
      if (!isDeployJob(j)) return [];
      const c = j.concurrency;
      if (!c)
        return [`${where(w, j)}: a deploy needs a job-level concurrency group (one Pulumi update per stack)`];
      const p: string[] = [];
      if (c.cancelInProgress !== false)
        p.push(
          `${where(w, j)}: a deploy's concurrency needs cancel-in-progress: false (a cancelled update leaves pending operations)`,
        );
      if (c.queue !== "max")
        p.push(
          `${where(w, j)}: a deploy's concurrency needs queue: max (the default single queue drops a waiting deploy)`,
        );
      if (PR_NUMBER.test(c.group) || /github\.(run_id|sha)/.test(c.group))
        p.push(
          `${where(w, j)}: a deploy's concurrency group must name the stack only, not a PR, run or commit`,
        );
      return p;
    });
    if (w.jobs.some(isDeployJob) && w.concurrency?.cancelInProgress === true)
      problems.push(`${w.file}: workflow-level cancel-in-progress: true would cancel running deploys`);
    return problems;
  });

/** No other job or workflow can land in a deploy's group (groups are case-insensitive and repository-wide). */
export const disjointGroups: Rule = (ws) => {
  const deployGroups = new Map<string, string>();
  const others: [string, string][] = [];
  for (const w of ws) {
    if (w.concurrency) others.push([renderGroup(w.concurrency.group, undefined), w.file]);
    for (const j of w.jobs) {
      if (!j.concurrency) continue;
      const stacks = j.matrixStacks.length > 0 ? j.matrixStacks : [j.environment];
      for (const s of stacks) {
        const g = renderGroup(j.concurrency.group, s);
        if (isDeployJob(j)) deployGroups.set(g, where(w, j));
        else others.push([g, where(w, j)]);
      }
    }
  }
  return others
    .filter(([g]) => deployGroups.has(g))
    .map(
      ([g, at]) =>
        `${at}: concurrency group "${g}" is also ${deployGroups.get(g)}'s deploy group: it could cancel or drop a deploy`,
    );
};

/** Deploys run from main only, never from a pull-request trigger. */
export const deployBranchGuard: Rule = (ws) =>
  ws.flatMap((w) => {
    const deploys = w.jobs.filter(isDeployJob);
    if (deploys.length === 0) return [];
    const problems = deploys
      .filter((j) => !(j.if ?? "").includes(MAIN_GUARD))
      .map(
        (j) =>
          `${where(w, j)}: a deploy job needs \`if:\` with ${MAIN_GUARD} (manual runs can pick any branch)`,
      );
    if (isPullRequestWorkflow(w))
      problems.push(`${w.file}: deploy jobs in a pull_request-triggered workflow`);
    if (w.events.includes("push") && JSON.stringify(w.pushBranches) !== JSON.stringify(["main"]))
      problems.push(`${w.file}: on.push.branches must be [main] in a workflow that deploys`);
    return problems;
  });

/** Each deploy runs in its stack's environment; previews never use a deploy environment (its OIDC subject). */
export const environments: Rule = (ws) => {
  const deployEnvs = new Set(ws.flatMap((w) => w.jobs.filter(isDeployJob).map((j) => j.environment)));
  return each(ws, (w, j) => {
    if (isDeployJob(j))
      return j.environment && !j.environment.includes("${{")
        ? []
        : [
            `${where(w, j)}: a deploy job needs a static environment (its protection rules, values and OIDC subject)`,
          ];
    if (!isPreviewJob(j)) return [];
    const envs = j.matrixStacks.map((s) => renderGroup(j.environment ?? "", s));
    if (!j.environment)
      return [
        `${where(w, j)}: a preview job needs an environment of its own (per-stack preview role and backend)`,
      ];
    return envs
      .filter((e) => deployEnvs.has(e))
      .map(
        (e) =>
          `${where(w, j)}: a preview must not use deploy environment "${e}" (it would get the deploy role)`,
      );
  });
};

/** Deploy jobs other than dev run only on an explicit dispatch, after a job that checks the environment's protection. */
export const protectedDeploys: Rule = (ws) =>
  ws.flatMap((w) =>
    w.jobs
      .filter((j) => isDeployJob(j) && j.environment !== "dev")
      .flatMap((j) => {
        const p: string[] = [];
        if (!(j.if ?? "").includes("github.event_name == 'workflow_dispatch'"))
          p.push(
            `${where(w, j)}: deploys of ${j.environment} need \`if:\` with github.event_name == 'workflow_dispatch'`,
          );
        const gates = w.jobs.filter((g) =>
          g.steps.some((s) => (s.run ?? "").includes("scripts/ci/prod-gate.ts")),
        );
        if (!gates.some((g) => j.needs.includes(g.id)))
          p.push(
            `${where(w, j)}: must need the job that runs scripts/ci/prod-gate.ts (fail closed without required reviewers)`,
          );
        return p;
      }),
  );

/** Deploys need the tests of the commit they deploy. */
export const deploysNeedTests: Rule = (ws) =>
  ws.flatMap((w) => {
    const byId = new Map(w.jobs.map((j) => [j.id, j]));
    const upstream = (j: Job, seen = new Set<string>()): Job[] =>
      j.needs.flatMap((id) => {
        const n = byId.get(id);
        if (!n || seen.has(id)) return [];
        seen.add(id);
        return [n, ...upstream(n, seen)];
      });
    return w.jobs
      .filter(isDeployJob)
      .filter((j) => !upstream(j).some((n) => n.steps.some((s) => /\bnpm test\b/.test(s.run ?? ""))))
      .map(
        (j) =>
          `${where(w, j)}: a deploy must need (directly or not) a job that runs npm test on the same commit`,
      );
  });

/** AWS sessions outlast the job, so the always() clean-up steps still have credentials. */
export const sessionCoversTimeout: Rule = (ws) =>
  each(ws, (w, j) =>
    j.steps
      .filter((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))
      .flatMap((s) => {
        const d = s.with["role-duration-seconds"];
        if (j.timeoutMinutes === undefined)
          return [`${where(w, j)}: a job with AWS credentials needs timeout-minutes`];
        if (typeof d !== "number")
          return [`${where(w, j)}: set role-duration-seconds (the default is 1 hour)`];
        if (d < j.timeoutMinutes * 60)
          return [
            `${where(w, j)}: role-duration-seconds ${d} is shorter than timeout-minutes ${j.timeoutMinutes} (${j.timeoutMinutes * 60} s)`,
          ];
        if (d > 43200) return [`${where(w, j)}: role-duration-seconds ${d} exceeds IAM's 12-hour maximum`];
        return [];
      }),
  );

/** One Pulumi CLI version: package.json's pinned `pulumi` = .pulumi-version = what every job installs first. */
export const cliPinned: Rule = (ws, pins) => {
  const problems: string[] = [];
  if (!pins.packagePulumi || !SEMVER.test(pins.packagePulumi))
    problems.push(
      `package.json: devDependencies.pulumi must be an exact version, not "${pins.packagePulumi}"`,
    );
  if (pins.pulumiVersionFile !== pins.packagePulumi)
    problems.push(
      `.pulumi-version "${pins.pulumiVersionFile}" differs from package.json's pulumi "${pins.packagePulumi}"`,
    );
  const perJob = each(ws, (w, j) => {
    const p: string[] = [];
    const installs = j.steps
      .map((s, i) => (s.uses?.startsWith("pulumi/actions@") ? i : -1))
      .filter((i) => i >= 0);
    for (const i of installs) {
      const s = j.steps[i];
      if (s.with["pulumi-version-file"] !== ".pulumi-version" || s.with["pulumi-version"] !== undefined)
        p.push(
          `${where(w, j)}: pulumi/actions needs pulumi-version-file: .pulumi-version (else it uses any 3.x)`,
        );
    }
    const firstCli = stepIndex(j, (s) => /\bpulumi[ -]/.test(s.run ?? ""));
    if (firstCli >= 0 && !(installs.length > 0 && installs[0] < firstCli))
      p.push(`${where(w, j)}: runs the Pulumi CLI before installing the pinned one with pulumi/actions`);
    return p;
  });
  return [...problems, ...perJob];
};

/** Node 24 everywhere: actions built for it, setup-node from .node-version, engines in agreement. */
export const nodeVersion: Rule = (ws, pins) => {
  const problems: string[] = [];
  const major = Number((pins.nodeVersionFile ?? "").split(".")[0]);
  if (!SEMVER.test(pins.nodeVersionFile ?? "") || major < 24)
    problems.push(`.node-version must be an exact Node 24 or later version, not "${pins.nodeVersionFile}"`);
  if (pins.engines !== `>=${major}`)
    problems.push(
      `package.json: engines.node must be ">=${major}" (as .node-version), not "${pins.engines}"`,
    );
  const perStep = each(ws, (w, j) =>
    j.steps.flatMap((s) => {
      const [action, ref] = (s.uses ?? "").split("@");
      const min = NODE24_ACTIONS[action];
      const p: string[] = [];
      if (min !== undefined && !(Number(/^v(\d+)/.exec(ref ?? "")?.[1]) >= min))
        p.push(`${where(w, j)}: ${s.uses} runs on Node 20; use ${action}@v${min} or later`);
      if (
        action === "actions/setup-node" &&
        (s.with["node-version-file"] !== ".node-version" || s.with["node-version"] !== undefined)
      )
        p.push(`${where(w, j)}: setup-node needs node-version-file: .node-version`);
      return p;
    }),
  );
  return [...problems, ...perStep];
};

/** Forks and Dependabot get no secrets: previews skip them explicitly (the summary job says why). */
export const previewSkipsForksAndDependabot: Rule = (ws) =>
  each(ws, (w, j) =>
    isPreviewJob(j) &&
    !(
      (j.if ?? "").includes("github.event.pull_request.head.repo.full_name == github.repository") &&
      (j.if ?? "").includes("github.actor != 'dependabot[bot]'")
    )
      ? [
          `${where(w, j)}: a preview needs \`if:\` skipping fork PRs and github.actor == 'dependabot[bot]' (no secrets there)`,
        ]
      : [],
  );

/** A failed preview still comments: the preview continues on error, a comment step runs, then the job fails. */
export const previewCommentsOnFailure: Rule = (ws) =>
  each(ws, (w, j) => {
    const s = previewStep(j);
    if (!isPreviewJob(j) || !s) return [];
    const p: string[] = [];
    const at = j.steps.indexOf(s);
    if (!s.continueOnError || !s.id)
      p.push(`${where(w, j)}: the preview step needs an id and continue-on-error: true`);
    const comment = stepIndex(j, (x) => (x.run ?? "").includes("scripts/ci/pr-comment.ts"));
    if (comment <= at || !(j.steps[comment].if ?? "").includes("!cancelled()"))
      p.push(
        `${where(w, j)}: after the preview, a step running scripts/ci/pr-comment.ts with \`if: \${{ !cancelled() }}\``,
      );
    const fails = stepIndex(j, (x) => (x.if ?? "").includes(`steps.${s.id}.outcome == 'failure'`));
    if (fails <= comment)
      p.push(`${where(w, j)}: after the comment, a step that fails when steps.${s.id}.outcome == 'failure'`);
    return p;
  });

/** SSH opened for the runner is always closed again. */
export const sshAlwaysClosed: Rule = (ws) =>
  each(ws, (w, j) => {
    const open = stepIndex(j, (s) => /scripts\/ci\/ssh-ingress\.ts open\b/.test(s.run ?? ""));
    if (open < 0) return [];
    const close = stepIndex(j, (s) => /scripts\/ci\/ssh-ingress\.ts close\b/.test(s.run ?? ""));
    return close > open && (j.steps[close].if ?? "").includes("always()")
      ? []
      : [
          `${where(w, j)}: opens SSH ingress without a later \`if: always()\` step running ssh-ingress.ts close`,
        ];
  });

/** GitHub accepts queue: single or max, and rejects max with cancel-in-progress (actionlint 1.7.12 cannot tell). */
export const queueValues: Rule = (ws) =>
  ws.flatMap((w) =>
    [
      ...(w.concurrency ? [[w.file, w.concurrency] as const] : []),
      ...w.jobs.flatMap((j) => (j.concurrency ? [[where(w, j), j.concurrency] as const] : [])),
    ].flatMap(([at, c]) => {
      if (c.queue === undefined) return [];
      if (c.queue !== "single" && c.queue !== "max")
        return [`${at}: concurrency queue "${c.queue}" is not single or max`];
      return c.queue === "max" && c.cancelInProgress === true
        ? [`${at}: queue: max with cancel-in-progress: true is invalid`]
        : [];
    }),
  );

/** Every rule, in the order they are reported. */
export const RULES: Record<string, Rule> = {
  staticJobNames,
  pullRequestSummary,
  previewConcurrency,
  deployConcurrency,
  disjointGroups,
  deployBranchGuard,
  environments,
  protectedDeploys,
  deploysNeedTests,
  sessionCoversTimeout,
  cliPinned,
  nodeVersion,
  previewSkipsForksAndDependabot,
  previewCommentsOnFailure,
  sshAlwaysClosed,
  queueValues,
};

/** All problems with the workflows and pins. */
export const checkWorkflows = (ws: Workflow[], pins: Pins): string[] =>
  Object.values(RULES).flatMap((rule) => rule(ws, pins));

export { pulumiCommands };
