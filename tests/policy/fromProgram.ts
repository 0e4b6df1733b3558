/**
 * Runs index.ts on the mock runtime and turns each registration into what CrossGuard would hand a
 * policy: props as the engine sends them (secrets unwrapped, as @pulumi/policy does), options in
 * its shape (timeouts in seconds), the region-bearing default provider, parents and dependencies.
 */
import { PolicyResource, PolicyResourceOptions, ResourceValidationArgs } from "@pulumi/policy";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { Invokes, Registered } from "../support/pulumiMocks";
import { ProgramRun, runProgram } from "../support/stack";
import { resourceArgs } from "./harness";

/** Options a policy reads beyond type, name and inputs, by URN (recorded by tests/support/pulumiMocks.ts). */
type Extra = Pick<
  Registered,
  "additionalSecretOutputs" | "ignoreChanges" | "deleteBeforeReplaceDefined" | "propertyDependencies"
>;

/** runProgram, with each registration's extra options keyed by URN. */
export async function runRecorded(
  stack: string,
  config: Record<string, string>,
  invokes: Invokes,
  secretKeys: string[] = [],
) {
  const run = await runProgram(stack, config, invokes, secretKeys);
  const extras = new Map<string, Extra>(run.resources.map((r) => [r.urn, r]));
  return { run, extras };
}

/** Serialized inputs with secrets unwrapped, as CrossGuard's deserializer leaves them. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value === null || typeof value !== "object") return value;
  const o = value as Record<string, unknown>;
  if (o[specialSigKey] === specialSecretSig) return unwrapSecrets(o["value"]);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v)]));
}

/** Go duration ("20m", "1h30m", "45s") → seconds; "" → 0 (unset). */
export function durationSeconds(text: string | undefined): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1 };
  return [...(text ?? "").matchAll(/(\d+(?:\.\d+)?)([hms])/g)].reduce(
    (sum, [, n, u]) => sum + Number(n) * units[u],
    0,
  );
}

/** The program's resources as a stack policy sees them; `argsOf` gives a resource policy's view of one. */
export function policyView(run: ProgramRun, extras: Map<string, Extra>, stack: string, region: string) {
  const provider = (pkg: string, props: Record<string, unknown>) => ({
    type: `pulumi:providers:${pkg}`,
    urn: `urn:pulumi:${stack}::msk-s3-sink::pulumi:providers:${pkg}::default`,
    name: "default",
    props,
  });
  const argsByUrn = new Map<string, ResourceValidationArgs>();
  const byUrn = new Map<string, PolicyResource>();
  for (const r of run.resources) {
    const extra = extras.get(r.urn);
    const t = r.customTimeouts;
    const opts: Partial<PolicyResourceOptions> = {
      protect: r.protect,
      ignoreChanges: extra?.ignoreChanges ?? [],
      additionalSecretOutputs: extra?.additionalSecretOutputs ?? [],
      customTimeouts: {
        createSeconds: durationSeconds(t?.create),
        updateSeconds: durationSeconds(t?.update),
        deleteSeconds: durationSeconds(t?.delete),
      },
      ...(r.parent ? { parent: r.parent } : {}),
      ...(extra?.deleteBeforeReplaceDefined || r.deleteBeforeReplace
        ? { deleteBeforeReplace: r.deleteBeforeReplace }
        : {}),
    };
    const pkg = r.type.split(":")[0];
    const args = resourceArgs({
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: unwrapSecrets(r.wire) as Record<string, unknown>,
      opts,
      provider:
        pkg === "aws" ? provider("aws", { region }) : pkg === "command" ? provider("command", {}) : undefined,
    });
    argsByUrn.set(r.urn, args);
    byUrn.set(r.urn, { ...args, dependencies: [], propertyDependencies: {} });
  }
  const find = (urns: string[]) =>
    urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
  for (const r of run.resources) {
    const resource = byUrn.get(r.urn)!;
    resource.parent = r.parent ? byUrn.get(r.parent) : undefined;
    resource.dependencies = find(r.dependencies);
    resource.propertyDependencies = Object.fromEntries(
      Object.entries(extras.get(r.urn)?.propertyDependencies ?? {}).map(([k, v]) => [k, find(v)]),
    );
  }
  return {
    resources: [...byUrn.values()],
    /** A resource policy's args for one resource, with that policy's config. */
    argsOf: (urn: string, config: object = {}): ResourceValidationArgs => ({
      ...argsByUrn.get(urn)!,
      getConfig: <T extends object>() => config as T,
    }),
  };
}
