import * as pulumi from "@pulumi/pulumi";
import * as log from "@pulumi/pulumi/log";
import {
  ReadResourceRequest,
  ReadResourceResponse,
  RegisterResourceRequest,
  RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";

/** Runtime internals the harness needs, absent from the published typings. */
interface Internals {
  getStore(): { supportsSecrets: boolean; supportsResourceReferences: boolean };
  waitForRPCs(): Promise<void>;
}

/**
 * The SDK wraps every promise it makes in debuggablePromise, which formats a stack trace onto it that only a
 * promise-leak report under PULUMI_DEBUG_PROMISE_LEAKS prints (@pulumi/pulumi runtime/debuggable.ts). A program
 * run makes thousands: here they record no frames (leak tracking itself unchanged), unless that report is asked for.
 */
const promises = debuggable as unknown as {
  debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T>;
};
const debuggablePromise = promises.debuggablePromise;
if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS)
  promises.debuggablePromise = (p, ctx) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return debuggablePromise(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };

/** One registerResource call as the engine would see it: type, name, inputs and options. */
export interface Registered {
  type: string;
  name: string;
  urn: string;
  /** Physical id the (mock) provider answered with. */
  id: string;
  /** State the (mock) provider answered with: the inputs plus computed outputs, or an imported resource's state. */
  outputs: Inputs;
  /** The `import` option: id of an existing resource to adopt ("" when unset). */
  importId: string;
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

/** A resource that exists in the (mock) AWS account: what `.get()` reads and the `import` option adopts. */
export interface Existing {
  type: string;
  /** Its physical id; MSK Connect resources are also found by their `arn`. */
  id: string;
  state: Inputs;
}

/** One readResource call (`Resource.get`): type, name and the id read. */
export interface Read {
  type: string;
  name: string;
  id: string;
}

/** How the mock account answers beyond fixed invokes. */
export interface MockAccount {
  /** Resources that exist before the run. */
  existing?: Existing[];
  /** State the provider reports differently from the inputs (values AWS echoes back changed), by type. */
  echo?: (type: string, inputs: Inputs) => Inputs;
}

/** What a mocked run recorded. */
export interface Recorder {
  resources: Registered[];
  invoked: string[];
  reads: Read[];
  /** Messages the program logged with pulumi.log.warn. */
  warnings: string[];
}

/** Finds a resource the mock account holds, by id or ARN. */
export function findExisting(account: MockAccount, type: string, id: string): Existing | undefined {
  return account.existing?.find((e) => e.type === type && (e.id === id || e.state.arn === id));
}

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
  account: MockAccount = {},
): Recorder {
  const resources: Registered[] = [];
  const invoked: string[] = [];
  const reads: Read[] = [];
  const warnings: string[] = [];
  const monitor = new MockMonitor({
    newResource: (args) => {
      const inputs = args.inputs as Inputs;
      if (args.id) {
        // A read (Resource.get) or an import: the state is what the account holds.
        const found = findExisting(account, args.type, args.id);
        if (!found) throw new Error(`the mock account has no ${args.type} with id ${args.id}`);
        return { id: found.id, state: found.state };
      }
      const state = { ...inputs, ...outputsFor(args.type, args.name, inputs) };
      return { id: `${args.name}-id`, state: { ...state, ...(account.echo?.(args.type, inputs) ?? {}) } };
    },
    call: (args) => {
      const answer = invokes[args.token];
      if (!answer) throw new Error(`unexpected invoke ${args.token}`);
      invoked.push(args.token);
      return answer(args.inputs as Inputs);
    },
  });
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = async (
    req: ReadResourceRequest,
    callback: (err: unknown, res: ReadResourceResponse) => void,
  ) => {
    reads.push({ type: req.getType(), name: req.getName(), id: req.getId() });
    await read(req, callback);
  };
  (log as { warn: (message: string) => void }).warn = (message: string) => {
    warnings.push(message);
  };
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
        const answered = res.getObject();
        resources.push({
          type: req.getType(),
          name: req.getName(),
          urn: res.getUrn(),
          id: res.getId(),
          outputs: answered ? rpc.deserializeProperties(answered) : {},
          importId: req.getImportid(),
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
  settings.setMockOptions(monitor, "msk-s3-sink", stack, preview, "organization");
  const store = (state as unknown as Internals).getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  return { resources, invoked, reads, warnings };
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
      return { versionId: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY", etag: "9b2cf535f27731c974343645a3985328" };
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
    case "aws:sns/topic:Topic":
      return { arn: arn("sns", name) };
    case "aws:sns/topicSubscription:TopicSubscription":
      // An e-mail subscription is unconfirmed when created: the provider reads PendingConfirmation without
      // waiting for the e-mail (terraform-provider-aws internal/service/sns/topic_subscription.go).
      return { arn: `${String(inputs.topic)}:0b1c2d3e`, pendingConfirmation: inputs.protocol === "email" };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { arn: arn("cloudwatch", `alarm:${name}`) };
    case "aws:cloudwatch/compositeAlarm:CompositeAlarm":
      return { arn: arn("cloudwatch", `alarm:${String(inputs.alarmName)}`) };
    // pulumi-command stores both outputs of every run it makes, empty ones too (provider/pkg/provider/{remote,local}/commandOutputs.go).
    case "command:remote:Command":
    case "command:local:Command":
      return { stdout: "", stderr: "" };
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

/** An Output's value as a promise (an SDK internal the tests use to await rejections too). */
export interface Output {
  promise(): Promise<unknown>;
}
