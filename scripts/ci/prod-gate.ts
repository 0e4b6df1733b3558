/**
 * `npx ts-node -T scripts/ci/prod-gate.ts <environment>`: runs before a protected deploy and fails closed
 * unless GitHub will really hold it for approval. It reads the environment through the REST API
 * (GITHUB_TOKEN with actions: read) and requires required reviewers, plus a deployment branch policy
 * that admits main only (or protected branches), so a workflow edited on another branch cannot use it.
 *
 * Required reviewers exist for public repositories on every plan, but for private and internal ones
 * only on GitHub Enterprise; Pro and Team give those environments, secrets and deployment branches
 * without reviewers, and Free gives private repositories no environments. There, an admin may set the
 * repository variable PROD_APPROVAL=dispatch: the person who starts the workflow by hand is then the
 * approval (the branch policy is still required).
 * https://docs.github.com/en/rest/deployments/environments
 * https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
 */
import { CiError, Env, need, Runner, runMain, runOk, spawnRunner } from "./run";

/** The fields of GET /repos/{owner}/{repo}/environments/{name} the gate reads. */
export interface EnvironmentInfo {
  protection_rules?: { type: string; reviewers?: unknown[]; prevent_self_review?: boolean }[];
  deployment_branch_policy?: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  can_admins_bypass?: boolean;
}

/** Branch names from GET …/deployment-branch-policies. */
export type BranchPolicies = { name: string; type?: string }[];

export const PLANS =
  "Required reviewers on environments exist for public repositories on every plan, and for private or internal repositories on GitHub Enterprise only (Pro and Team: environments and deployment branches, no reviewers; Free: no environments for private repositories).";

/** Problems that make the environment unsafe to deploy through, and warnings that do not. */
export function gateFindings(
  name: string,
  e: EnvironmentInfo,
  branches: BranchPolicies | undefined,
  approval: string | undefined,
): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  const reviewers = (e.protection_rules ?? []).find((r) => r.type === "required_reviewers");
  if (!reviewers || (reviewers.reviewers ?? []).length === 0) {
    if (approval === "dispatch")
      warnings.push(
        `environment ${name} has no required reviewers; PROD_APPROVAL=dispatch makes the person who ran this workflow the approval`,
      );
    else
      problems.push(
        `environment ${name} has no required reviewers, so nothing would hold this deploy for approval. Add reviewers (Settings → Environments → ${name}), or have an admin set the repository variable PROD_APPROVAL=dispatch to accept a manual run as the approval. ${PLANS}`,
      );
  } else if (reviewers.prevent_self_review !== true)
    warnings.push(
      `environment ${name}: "Prevent self-review" is off, so whoever runs the workflow may approve it`,
    );
  const policy = e.deployment_branch_policy;
  if (!policy)
    problems.push(
      `environment ${name} admits every branch: set Deployment branches and tags to "Selected", main only`,
    );
  else if (policy.custom_branch_policies) {
    const names = (branches ?? []).map((b) => `${b.type ?? "branch"}:${b.name}`);
    if (names.length !== 1 || names[0] !== "branch:main")
      problems.push(
        `environment ${name} admits ${names.join(", ") || "no branch"}; its deployment branches must be main only`,
      );
  }
  if (e.can_admins_bypass)
    warnings.push(`environment ${name}: administrators may bypass its protection rules`);
  return { problems, warnings };
}

export function main(argv: string[], env: Env, run: Runner): number {
  const [name] = argv;
  if (!name) throw new CiError("usage: prod-gate.ts <environment>");
  const repo = need(env, "GITHUB_REPOSITORY", "run this in a GitHub Actions job");
  const got = run("gh", ["api", `repos/${repo}/environments/${name}`]);
  if (got.status !== 0)
    throw new CiError(
      `environment ${name} cannot be read (does it exist? the job needs actions: read)\n${got.stderr.trim()}`,
    );
  const info = JSON.parse(got.stdout) as EnvironmentInfo;
  const branches = info.deployment_branch_policy?.custom_branch_policies
    ? (
        JSON.parse(
          runOk(
            run,
            "gh",
            ["api", `repos/${repo}/environments/${name}/deployment-branch-policies`],
            "could not read its deployment branches",
          ),
        ) as { branch_policies?: BranchPolicies }
      ).branch_policies
    : undefined;
  const { problems, warnings } = gateFindings(name, info, branches, env.PROD_APPROVAL);
  for (const w of warnings) console.log(`::warning::${w}`);
  if (problems.length > 0) throw new CiError(problems.join("\n"));
  console.log(`prod-gate: environment ${name} holds deploys for approval and admits main only`);
  return 0;
}

if (require.main === module) runMain(() => main(process.argv.slice(2), process.env, spawnRunner));
