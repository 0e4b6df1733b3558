/** Runs every rule of the pack over a program's resources, the way the engine would during a preview. */
import {
  EnforcementLevel,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { ALL_POLICIES } from "../../policy/policies";
import { checkResource, checkStack } from "./harness";

export interface Finding {
  policy: string;
  level: EnforcementLevel;
  /** The resource's name, for resource policies. */
  resource?: string;
  message: string;
}

export interface Evaluation {
  findings: Finding[];
  /** Policies that applied to at least one resource (or, for stack policies, to the stack). */
  applied: Set<string>;
  /** Why each stack policy was not applicable. */
  skipped: Map<string, string>;
}

const isStackPolicy = (p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy =>
  "validateStack" in p;

/** Every policy over every resource; `config` is the pack config (policy name → that policy's config). */
export async function evaluate(
  view: { resources: PolicyResource[]; argsOf: (urn: string, config?: object) => ResourceValidationArgs },
  config: Record<string, object> = {},
): Promise<Evaluation> {
  const result: Evaluation = { findings: [], applied: new Set(), skipped: new Map() };
  for (const p of ALL_POLICIES) {
    const level = p.enforcementLevel ?? "mandatory";
    if (isStackPolicy(p)) {
      const outcome = await checkStack(p, view.resources, config[p.name]);
      if (outcome.notApplicable !== undefined) result.skipped.set(p.name, outcome.notApplicable);
      else result.applied.add(p.name);
      outcome.violations.forEach((message) => result.findings.push({ policy: p.name, level, message }));
      continue;
    }
    for (const r of view.resources) {
      const outcome = await checkResource(p, view.argsOf(r.urn, config[p.name]));
      if (outcome.notApplicable === undefined) result.applied.add(p.name);
      outcome.violations.forEach((message) =>
        result.findings.push({ policy: p.name, level, resource: r.name, message }),
      );
    }
  }
  return result;
}

/** Findings as one line each, for readable assertions and failure messages. */
export const lines = (findings: Finding[]) =>
  findings.map((f) => `${f.level} ${f.policy}${f.resource ? ` ${f.resource}` : ""}: ${f.message}`);
