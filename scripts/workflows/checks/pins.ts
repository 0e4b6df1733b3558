/** Checks of version pins: one Pulumi CLI version, Node 24 everywhere. */
import { each, Rule, SEMVER, stepIndex, where } from "./common";

/** The first major version of each action that runs on Node 24 (Node 20 is past end of life). */
export const NODE24_ACTIONS: Record<string, number> = {
  "actions/checkout": 5,
  "actions/setup-node": 5,
  "actions/setup-go": 6,
  "aws-actions/configure-aws-credentials": 6,
  "pulumi/actions": 7,
};

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
