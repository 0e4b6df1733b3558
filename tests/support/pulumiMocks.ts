import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";

/** One registerResource call as the engine would see it: type, name, inputs and options. */
export interface Registered {
  type: string;
  name: string;
  urn: string;
  parent: string;
  custom: boolean;
  inputs: Record<string, any>;
  /** Inputs as serialized, secrets still wrapped (to assert secretness). */
  wire: Record<string, any>;
  dependencies: string[];
  deleteBeforeReplace: boolean;
  replaceOnChanges: string[];
  protect: boolean;
  retainOnDelete: boolean;
  customTimeouts?: { create: string; update: string; delete: string };
}

/** An invoke result by token; a token not listed fails the test. */
export type Invokes = Record<string, (args: Record<string, any>) => Record<string, any>>;

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True when a serialized value is a Pulumi secret. */
export function isWireSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.values(value).includes(SECRET_SIG);
}

/**
 * Installs the Pulumi mock runtime and records every registration with its options and
 * dependencies (which `setMocks` alone does not expose). Call before importing the module under test.
 */
export function installMocks(invokes: Invokes, stack = "test", preview = false): { resources: Registered[]; invoked: string[] } {
  const resources: Registered[] = [];
  const invoked: string[] = [];
  const monitor = new MockMonitor({
    newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, ...outputsFor(args.type, args.name, args.inputs) } }),
    call: (args) => {
      const answer = invokes[args.token];
      if (!answer) throw new Error(`unexpected invoke ${args.token}`);
      invoked.push(args.token);
      return answer(args.inputs);
    },
  });
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = async (req: any, callback: any) => {
    await register(req, (err: unknown, res: any) => {
      if (!err) {
        const timeouts = req.getCustomtimeouts();
        resources.push({
          type: req.getType(), name: req.getName(), urn: res.getUrn(), parent: req.getParent(), custom: req.getCustom(),
          inputs: deserialize(req.getObject()), wire: req.getObject().toJavaScript(),
          dependencies: req.getDependenciesList(), deleteBeforeReplace: req.getDeletebeforereplace(),
          replaceOnChanges: req.getReplaceonchangesList(), protect: req.getProtect(), retainOnDelete: req.getRetainondelete(),
          customTimeouts: timeouts ? { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() } : undefined,
        });
      }
      callback(err, res);
    });
  };
  settings.setMockOptions(monitor, "msk-s3-sink", stack, preview);
  const store = (state as any).getStore();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  return { resources, invoked };
}

function deserialize(struct: any): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@pulumi/pulumi/runtime/rpc").deserializeProperties(struct);
}

/** Provider-computed outputs the program reads. */
function outputsFor(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  const arn = (service: string, path: string) => `arn:aws:${service}:us-east-1:123456789012:${path}`;
  switch (type) {
    case "aws:s3/bucket:Bucket": return { arn: `arn:aws:s3:::${inputs.bucket}`, bucket: inputs.bucket };
    case "aws:s3/bucketObjectv2:BucketObjectv2": return { versionId: "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY" };
    case "aws:mskconnect/customPlugin:CustomPlugin": return { arn: arn("kafkaconnect", `custom-plugin/${inputs.name}/1`), latestRevision: 1 };
    case "aws:mskconnect/workerConfiguration:WorkerConfiguration": return { arn: arn("kafkaconnect", `worker-configuration/${inputs.name}/1`), latestRevision: 1 };
    case "aws:mskconnect/connector:Connector": return { arn: arn("kafkaconnect", `connector/${inputs.name}/1`) };
    case "aws:iam/role:Role": return { arn: `arn:aws:iam::123456789012:role/${inputs.name}` };
    case "aws:cloudwatch/logGroup:LogGroup": return { arn: arn("logs", `log-group:${inputs.name}`) };
    default: return { name: inputs.name ?? name };
  }
}

/** Resolves when every registration and RPC the program started has finished. */
export async function settle(): Promise<void> {
  await (settings as any).waitForRPCs();
}

/** Sets the stack's config (and which keys are secret) the way the CLI would. */
export function setConfig(config: Record<string, string>, secretKeys: string[] = []): void {
  pulumi.runtime.setAllConfig(config, secretKeys);
}
