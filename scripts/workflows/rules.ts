/**
 * Offline rules for .github/workflows (run by `npm run lint` through scripts/workflows/check.ts).
 * Each rule returns problems as `<file>: jobs.<id>: <what is wrong and why>`; none needs GitHub.
 */
import { Workflow } from "./model";
import { Pins, Rule } from "./checks/common";
import { deployConcurrency, disjointGroups, previewConcurrency, queueValues } from "./checks/concurrency";
import {
  deployBranchGuard,
  deploysNeedTests,
  environments,
  protectedDeploys,
  sessionCoversTimeout,
} from "./checks/deploys";
import {
  previewCommentsOnFailure,
  previewSkipsForksAndDependabot,
  pullRequestSummary,
  sshAlwaysClosed,
  staticJobNames,
} from "./checks/jobs";
import { cliPinned, nodeVersion } from "./checks/pins";

export type { Pins, Rule } from "./checks/common";

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
