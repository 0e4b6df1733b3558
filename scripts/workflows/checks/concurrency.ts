/**
 * Checks of concurrency groups: previews per pull request, deploys queued per stack, never shared.
 * https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency
 */
import { isDeployJob, isPreviewJob, renderGroup } from "../model";
import { each, PR_NUMBER, Rule, where } from "./common";

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
