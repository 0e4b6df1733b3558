/**
 * `npx ts-node -T scripts/ci/pr-comment.ts <stack> <output file>`: posts the preview of one stack on the
 * pull request, or edits the comment an earlier run posted (found by a hidden marker), whatever the
 * preview's outcome: a failed preview and a mandatory policy violation are when the comment matters.
 * Env: PREVIEW_OUTCOME (the preview step's outcome), PR_NUMBER, HEAD_SHA, GITHUB_REPOSITORY,
 * GITHUB_SERVER_URL, GITHUB_RUN_ID, RUNNER_TEMP, and GH_TOKEN for `gh api` (pull-requests: write).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CiError, Env, need, POLICY_PACK, Runner, runMain, runOk, spawnRunner } from "./run";

/** GitHub refuses comment bodies over 65,536 characters; the output gets what the rest leaves. */
export const MAX_OUTPUT = 60000;

export const marker = (stack: string) => `<!-- msk-s3-sink preview: ${stack} -->`;

/** What the comment says about one preview. */
export interface Preview {
  stack: string;
  /** The preview step's outcome: success, failure or skipped (an earlier step failed). */
  outcome: string;
  output: string;
  headSha: string;
  runUrl: string;
}

/** The CLI's "Policy Violations:" block (headline and its indented lines), if it printed one. */
export function policyViolations(output: string): string | undefined {
  const lines = output.split("\n");
  const start = lines.findIndex((l) => l.trim() === "Policy Violations:");
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.trim() !== "" && !/^\s/.test(l));
  return lines
    .slice(start, end < 0 ? undefined : end)
    .join("\n")
    .trimEnd();
}

/** A code fence longer than any run of backticks in the text. */
const fenceFor = (text: string) =>
  "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
const fenced = (text: string) => `${fenceFor(text)}\n${text}\n${fenceFor(text)}`;

/** An ANSI colour sequence (ESC [ … m); the preview runs with --color never, other tools may not. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** The output's tail, ANSI colours removed, within MAX_OUTPUT. */
export function trimmedOutput(output: string): string {
  const plain = output.replace(ANSI_COLOUR, "").trimEnd();
  if (plain.length <= MAX_OUTPUT) return plain;
  return `… ${plain.length - MAX_OUTPUT} earlier characters cut; the workflow run has the full log\n${plain.slice(-MAX_OUTPUT)}`;
}

const HEADLINE: Record<string, string> = {
  success: "✅ succeeded",
  failure: "❌ failed",
  skipped: "⚠️ did not run: an earlier step failed (GitHub settings or AWS credentials)",
};

/** The comment's markdown. */
export function commentBody(p: Preview): string {
  const violations = policyViolations(p.output);
  const policy = violations
    ? `**Policy pack \`${POLICY_PACK}\`:** violations (mandatory ones fail the preview):\n\n${fenced(violations)}`
    : p.outcome === "success"
      ? `**Policy pack \`${POLICY_PACK}\`:** no violations.`
      : `**Policy pack \`${POLICY_PACK}\`:** no results: the preview stopped before the policies ran (see the output).`;
  const output = trimmedOutput(p.output);
  return [
    marker(p.stack),
    `### \`pulumi preview\` of stack \`${p.stack}\`: ${HEADLINE[p.outcome] ?? p.outcome}`,
    `Commit ${p.headSha.slice(0, 12)} · [workflow run](${p.runUrl})`,
    "",
    policy,
    "",
    "<details><summary>Output</summary>",
    "",
    output ? fenced(output) : "(no output)",
    "",
    "</details>",
  ].join("\n");
}

/** Edits this stack's comment if the PR has one, else posts it; returns the `gh api` call made. */
export function upsertComment(
  run: Runner,
  repo: string,
  pr: string,
  stack: string,
  body: string,
  tmp: string,
): string[] {
  const pages = JSON.parse(
    runOk(
      run,
      "gh",
      ["api", "--paginate", "--slurp", `repos/${repo}/issues/${pr}/comments`],
      "could not list the pull request's comments",
    ),
  ) as { id: number; body?: string }[][];
  const existing = pages.flat().find((c) => c.body?.startsWith(marker(stack)));
  const input = join(tmp, `preview-comment-${stack}.json`);
  writeFileSync(input, JSON.stringify({ body }));
  const args = existing
    ? ["api", "--method", "PATCH", `repos/${repo}/issues/comments/${existing.id}`, "--input", input]
    : ["api", "--method", "POST", `repos/${repo}/issues/${pr}/comments`, "--input", input];
  runOk(run, "gh", args, "could not write the preview comment (does the job have pull-requests: write?)");
  return args;
}

export function main(argv: string[], env: Env, run: Runner): number {
  const [stack, out] = argv;
  if (!stack || !out) throw new CiError("usage: pr-comment.ts <stack> <output file>");
  const repo = need(env, "GITHUB_REPOSITORY", "run this in a GitHub Actions job");
  const body = commentBody({
    stack,
    outcome: need(env, "PREVIEW_OUTCOME", "the preview step's outcome"),
    output: existsSync(out) ? readFileSync(out, "utf8") : "",
    headSha: need(env, "HEAD_SHA", "the pull request's head commit"),
    runUrl: `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${repo}/actions/runs/${env.GITHUB_RUN_ID ?? ""}`,
  });
  const args = upsertComment(
    run,
    repo,
    need(env, "PR_NUMBER", "the pull request number"),
    stack,
    body,
    need(env, "RUNNER_TEMP", "a temp dir"),
  );
  console.log(
    `pr-comment: ${args[2] === "PATCH" ? "updated" : "posted"} the preview comment for stack ${stack}`,
  );
  return 0;
}

if (require.main === module) runMain(() => main(process.argv.slice(2), process.env, spawnRunner));
