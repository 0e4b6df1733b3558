/**
 * Runs index.ts on the mock runtime and turns each registration into what CrossGuard would hand a
 * policy: props as the engine sends them (secrets unwrapped, as @pulumi/policy does), options in
 * its shape (timeouts in seconds), the region-bearing default provider, parents and dependencies.
 */
import { PolicyResource, PolicyResourceOptions, ResourceValidationArgs } from "@pulumi/policy";
import { RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { Invokes } from "../support/pulumiMocks";
import { ProgramRun, runProgram } from "../support/stack";
import { resourceArgs } from "./harness";

/** Options the shared harness does not record, by URN. */
interface Extra {
  additionalSecretOutputs: string[];
  ignoreChanges: string[];
  deleteBeforeReplaceDefined: boolean;
  propertyDependencies: Record<string, string[]>;
}

type Register = (
  req: RegisterResourceRequest,
  callback: (err: unknown, res: RegisterResourceResponse) => void,
) => Promise<void>;

/** runProgram, with MockMonitor.registerResource wrapped for the duration to record the extra options. */
export async function runRecorded(
  stack: string,
  config: Record<string, string>,
  invokes: Invokes,
  secretKeys: string[] = [],
) {
  const proto = MockMonitor.prototype as unknown as { registerResource: Register };
  const original = proto.registerResource;
  const extras = new Map<string, Extra>();
  proto.registerResource = function (this: MockMonitor, req, callback) {
    return original.call(this, req, (err, res) => {
      if (!err) {
        const deps = req.getPropertydependenciesMap();
        extras.set(res.getUrn(), {
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          ignoreChanges: req.getIgnorechangesList(),
          deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined(),
          propertyDependencies: Object.fromEntries(
            deps.toArray().map(([k]) => [k, deps.get(k)!.getUrnsList()]),
          ),
        });
      }
      callback(err, res);
    });
  };
  try {
    return { run: await runProgram(stack, config, invokes, secretKeys), extras };
  } finally {
    proto.registerResource = original;
  }
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
