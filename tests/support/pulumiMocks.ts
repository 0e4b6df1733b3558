import * as pulumi from "@pulumi/pulumi";
import { RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";

/** Runtime internals the harness needs, absent from the published typings. */
interface Internals {
  getStore(): { supportsSecrets: boolean; supportsResourceReferences: boolean };
  waitForRPCs(): Promise<void>;
}

/** One registerResource call as the engine would see it: type, name, inputs and options. */
export interface Registered {
  type: string;
  name: string;
  urn: string;
  parent: string;
  custom: boolean;
  inputs: Inputs;
  /** Inputs as serialized, secrets still wrapped (to assert secretness). */
  wire: Inputs;
  dependencies: string[];
  deleteBeforeReplace: boolean;
  replaceOnChanges: string[];
  protect: boolean;
  retainOnDelete: boolean;
  customTimeouts?: { create: string; update: string; delete: string };
  additionalSecretOutputs: string[];
  ignoreChanges: string[];
  deleteBeforeReplaceDefined: boolean;
  /** Input property → URNs it was computed from. */
  propertyDependencies: Record<string, string[]>;
}

/** Resource inputs as the engine receives them: plain JSON-like values. */
export type Inputs = Record<string, unknown>;

/** Reads a nested value: `at(r.inputs, "capacity", "autoscaling")`; the caller states the type it expects. */
export function at<T = unknown>(value: unknown, ...path: (string | number)[]): T {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value) as T;
}

/**
 * A failed invoke as the engine reports it: the SDK rethrows the gRPC error's `details` (the
 * provider's message) as a new Error. Throw this from an invoke mock; a plain Error's message is lost.
 */
export function invokeError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}

/** An invoke result by token; a token not listed fails the test. */
export type Invokes = Record<string, (args: Inputs) => Inputs>;

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True when a serialized value is a Pulumi secret. */
export function isWireSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.values(value).includes(SECRET_SIG);
}

/**
 * Installs the Pulumi mock runtime and records every registration with its options and
 * dependencies (which `setMocks` alone does not expose). Call before importing the module under test.
 */
export function installMocks(
  invokes: Invokes,
  stack = "test",
  preview = false,
): { resources: Registered[]; invoked: string[] } {
  const resources: Registered[] = [];
  const invoked: string[] = [];
  const monitor = new MockMonitor({
    newResource: (args) => {
      const inputs = args.inputs as Inputs;
      return { id: `${args.name}-id`, state: { ...inputs, ...outputsFor(args.type, args.name, inputs) } };
    },
    call: (args) => {
      const answer = invokes[args.token];
      if (!answer) throw new Error(`unexpected invoke ${args.token}`);
      invoked.push(args.token);
      return answer(args.inputs as Inputs);
    },
  });
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = async (
    req: RegisterResourceRequest,
    callback: (err: unknown, res: RegisterResourceResponse) => void,
  ) => {
    await register(req, (err: unknown, res: RegisterResourceResponse) => {
      if (!err) {
        const timeouts = req.getCustomtimeouts();
        const object = req.getObject();
        const propertyDeps = req.getPropertydependenciesMap();
        resources.push({
          type: req.getType(),
          name: req.getName(),
          urn: res.getUrn(),
          parent: req.getParent(),
          custom: req.getCustom(),
          inputs: object ? rpc.deserializeProperties(object) : {},
          wire: object?.toJavaScript() ?? {},
          dependencies: req.getDependenciesList(),
          deleteBeforeReplace: req.getDeletebeforereplace(),
          replaceOnChanges: req.getReplaceonchangesList(),
          protect: req.getProtect() ?? false,
          retainOnDelete: req.getRetainondelete() ?? false,
          customTimeouts: timeouts
            ? { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() }
            : undefined,
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          ignoreChanges: req.getIgnorechangesList(),
          deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined() ?? false,
          propertyDependencies: Object.fromEntries(
            propertyDeps.toArray().map(([k]) => [k, propertyDeps.get(k)?.getUrnsList() ?? []]),
          ),
        });
      }
      callback(err, res);
    });
  };
  settings.setMockOptions(monitor, "msk-s3-sink", stack, preview);
  const store = (state as unknown as Internals).getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  return { resources, invoked };
}

/** Provider-computed outputs the program reads. */
function outputsFor(type: string, resourceName: string, inputs: Inputs): Inputs {
  const name = typeof inputs.name === "string" ? inputs.name : resourceName;
  const bucket = String(inputs.bucket);
  const arn = (service: string, path: string) => `arn:aws:${service}:us-east-1:123456789012:${path}`;
  switch (type) {
    case "aws:s3/bucket:Bucket":
      return { arn: `arn:aws:s3:::${bucket}`, bucket };
    case "aws:s3/bucketObjectv2:BucketObjectv2":
      return { versionId: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY" };
    case "aws:mskconnect/customPlugin:CustomPlugin":
      return { arn: arn("kafkaconnect", `custom-plugin/${name}/1`), latestRevision: 1 };
    case "aws:mskconnect/workerConfiguration:WorkerConfiguration":
      return { arn: arn("kafkaconnect", `worker-configuration/${name}/1`), latestRevision: 1 };
    case "aws:mskconnect/connector:Connector":
      return { arn: arn("kafkaconnect", `connector/${name}/1`) };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::123456789012:role/${name}` };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { arn: arn("logs", `log-group:${name}`) };
    default:
      return { name };
  }
}

/** Resolves when every registration and RPC the program started has finished. */
export async function settle(): Promise<void> {
  await (settings as unknown as Internals).waitForRPCs();
}

/** Sets the stack's config (and which keys are secret) the way the CLI would. */
export function setConfig(config: Record<string, string>, secretKeys: string[] = []): void {
  pulumi.runtime.setAllConfig(config, secretKeys);
}
