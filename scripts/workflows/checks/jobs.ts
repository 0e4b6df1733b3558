/** Checks of job names, the pull-request summary job, and the steps of preview and deploy jobs. */
import { Job, isPreviewJob, previewStep } from "../model";
import { each, isPullRequestWorkflow, Rule, stepIndex, where } from "./common";

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
