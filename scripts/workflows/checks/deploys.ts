/** Checks of deploy jobs: branch guard, environments, approval gate, tests first, session length. */
import { Job, isDeployJob, isPreviewJob, renderGroup } from "../model";
import { each, isPullRequestWorkflow, MAIN_GUARD, Rule, where } from "./common";

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
