/**
 * `npx ts-node -T scripts/ci/pr-result.ts`: the pull-request workflow's last job, the one check branch
 * protection requires. It always runs, passes when the tests passed and every stack was previewed, and
 * passes with an explanation when the preview was skipped on purpose (fork or Dependabot pull requests
 * get no secrets); a skipped matrix job alone would leave a required check waiting forever.
 * Dependabot: https://docs.github.com/en/code-security/dependabot/troubleshooting-dependabot/troubleshooting-dependabot-on-github-actions
 * Env: TEST_RESULT, PREVIEW_RESULT (needs.<job>.result), IS_FORK ("true"/"false"), GITHUB_ACTOR.
 */
import { appendFileSync } from "node:fs";
import { Env, runMain } from "./run";

/** The verdict and the lines that explain it (`notice:`/`error:` become annotations). */
export interface Verdict {
  ok: boolean;
  lines: string[];
}

export const FORK_NOTICE =
  "notice: preview skipped: a pull request from a fork gets no secrets and no OIDC token. A maintainer can preview it by pushing the branch to this repository.";
export const DEPENDABOT_NOTICE =
  "notice: preview skipped: runs started by Dependabot get no Actions secrets (GitHub treats them like fork pull requests). A commit pushed to this branch by a maintainer starts a run that previews.";

export function pullRequestResult(test: string, preview: string, fork: boolean, actor: string): Verdict {
  const lines: string[] = [];
  let ok = true;
  if (test === "success") lines.push("test: success");
  else {
    ok = false;
    lines.push(`error: test: ${test} (lint, type check, unit, policy, integration and engine tests)`);
  }
  if (preview === "success")
    lines.push("preview: success (each stack's preview is commented on the pull request)");
  else if (preview === "skipped" && fork) lines.push(FORK_NOTICE);
  else if (preview === "skipped" && actor === "dependabot[bot]") lines.push(DEPENDABOT_NOTICE);
  else if (preview === "skipped" && test !== "success")
    lines.push("preview: skipped because test did not pass");
  else {
    ok = false;
    lines.push(
      `error: preview: ${preview}${preview === "skipped" ? " although this pull request should be previewed" : " (see each stack's comment)"}`,
    );
  }
  return { ok, lines };
}

export function main(env: Env): number {
  const v = pullRequestResult(
    env.TEST_RESULT ?? "",
    env.PREVIEW_RESULT ?? "",
    env.IS_FORK === "true",
    env.GITHUB_ACTOR ?? "",
  );
  for (const l of v.lines) console.log(l.replace(/^(notice|error): /, "::$1::"));
  if (env.GITHUB_STEP_SUMMARY)
    appendFileSync(env.GITHUB_STEP_SUMMARY, `${v.lines.map((l) => `- ${l}`).join("\n")}\n`);
  return v.ok ? 0 : 1;
}

if (require.main === module) runMain(() => main(process.env));
