/**
 * Hand-built CrossGuard arguments: the same shape the policy server passes (type, props, urn, name,
 * opts, provider, isType/asType by Pulumi type token, getConfig, notApplicable), so tests call
 * `validateResource` / `validateStack` directly, with no engine.
 */
import {
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";

/** Thrown by `notApplicable`, as the server's own error is. */
class NotApplicable extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "not applicable");
  }
}

/** What a policy said about one resource or stack. */
export interface Outcome {
  violations: string[];
  /** The reason, when every validation declared itself not applicable. */
  notApplicable?: string;
}

const tokenOf = (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType;
const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

/** Resource options with the server's defaults (timeouts 0 = unset). */
export function options(patch: Partial<PolicyResourceOptions> = {}): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    ...patch,
  };
}

export const urnOf = (stack: string, type: string, name: string) =>
  `urn:pulumi:${stack}::msk-s3-sink::${type}::${name}`;

export interface Fixture {
  type: string;
  props: Record<string, unknown>;
  name?: string;
  /** Stack name in the URN (default prod). */
  stack?: string;
  opts?: Partial<PolicyResourceOptions>;
  /** This policy's config (as from --policy-pack-config). */
  config?: object;
  provider?: PolicyProviderResource;
  /** The real URN, when the fixture comes from a program run. */
  urn?: string;
}

/** The args a ResourceValidationPolicy receives. */
export function resourceArgs(f: Fixture): ResourceValidationArgs {
  const name = f.name ?? "r";
  return {
    type: f.type,
    props: f.props,
    name,
    urn: f.urn ?? urnOf(f.stack ?? "prod", f.type, name),
    opts: options(f.opts),
    provider: f.provider,
    stackTags: new Map(),
    isType: (cls) => tokenOf(cls) === f.type,
    asType: ((cls: unknown) =>
      tokenOf(cls) === f.type ? f.props : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => (f.config ?? {}) as T,
    notApplicable: throwNotApplicable,
  };
}

async function collect(runs: ((report: (m: string) => void) => Promise<void> | void)[]): Promise<Outcome> {
  const violations: string[] = [];
  let reason: string | undefined;
  let skipped = 0;
  for (const run of runs) {
    try {
      await run((m) => violations.push(m));
    } catch (e) {
      if (!(e instanceof NotApplicable)) throw e;
      skipped++;
      reason = e.reason;
    }
  }
  return skipped === runs.length ? { violations, notApplicable: reason ?? "" } : { violations };
}

/** Runs every validation of a resource policy, as the server does. */
export function checkResource(
  policy: ResourceValidationPolicy,
  args: ResourceValidationArgs | Fixture,
): Promise<Outcome> {
  const a = "isType" in args ? args : resourceArgs(args);
  const validations = [policy.validateResource ?? []].flat();
  return collect(validations.map((v) => (report) => v(a, report)));
}

/** A resource in a stack fixture; dependencies name other fixtures. */
export interface StackFixture extends Fixture {
  name: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

/** Links fixtures into PolicyResources (dependencies by name) for a stack policy. */
export function stackResources(fixtures: StackFixture[]): PolicyResource[] {
  const byName = new Map<string, PolicyResource>();
  for (const f of fixtures) {
    const a = resourceArgs(f);
    byName.set(f.name, { ...a, dependencies: [], propertyDependencies: {} });
  }
  const find = (names: string[]) => names.map((n) => byName.get(n)!);
  for (const f of fixtures) {
    const r = byName.get(f.name)!;
    r.dependencies = find(f.dependencies ?? []);
    r.propertyDependencies = Object.fromEntries(
      Object.entries(f.propertyDependencies ?? {}).map(([k, v]) => [k, find(v)]),
    );
  }
  return [...byName.values()];
}

/** Runs a stack policy over resources, with this policy's config. */
export function checkStack(
  policy: StackValidationPolicy,
  resources: PolicyResource[],
  config: object = {},
): Promise<Outcome> {
  const args = {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => config as T,
    notApplicable: throwNotApplicable,
  };
  return collect([(report) => policy.validateStack(args, report)]);
}
