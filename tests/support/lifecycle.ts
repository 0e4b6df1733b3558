/**
 * Day-2 checks: run the program twice on the mock runtime with a change between the runs, and report
 * what `pulumi up` would do to each resource. The second run sees the first as an account would: its
 * resources exist (readable by id or ARN); which connector runs there, on which network, is the test's to
 * say (deployedConnector).
 * Inputs are compared with the first run's state (what the provider diffs against), minus the
 * registration's `ignoreChanges`; an input is replace-forcing when lib/provider/replaceForcing.ts
 * lists it or the registration has it in `replaceOnChanges`. As in a preview, an input computed from a
 * resource that is replaced counts as changed (its ARN is unknown until the replacement exists).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { REPLACE_FORCING } from "../../lib/provider/replaceForcing";
import { ConnectorNetwork } from "../../lib/connector/network";
import { GET_CONNECTOR, noConnector } from "./fixtures";
import { Existing, Inputs, Invokes, MockAccount, Registered } from "./pulumiMocks";
import { ProgramRun, runProgram } from "./stack";

/** One run's config and lookups. */
export interface RunSpec {
  config: Record<string, string>;
  invokes: Invokes;
  secretKeys?: string[];
}

/** How the second run's registrations differ from the first run's state; keys are "type name". */
export interface LifecycleDiff {
  /** Replace-forcing inputs that differ: the resource is replaced. */
  replaceForcing: Record<string, string[]>;
  /** Other inputs that differ: updated in place. */
  inPlace: Record<string, string[]>;
  /** Custom resources only the second run registers. */
  created: string[];
  /** Custom resources only the first run registered. */
  deleted: string[];
}

export interface TwiceRun {
  first: ProgramRun;
  second: ProgramRun;
  diff: LifecycleDiff;
}

const CONNECTOR = "aws:mskconnect/connector:Connector";

/** The connector configuration the walkthrough types into the console (its key layout is what matters here). */
export const WALKTHROUGH_CONNECTOR: Record<string, string> = {
  "connector.class": "io.confluent.connect.s3.S3SinkConnector",
  "s3.region": "us-east-1",
  "flush.size": "1",
  "schema.compatibility": "NONE",
  "tasks.max": "3",
  "format.class": "io.confluent.connect.s3.format.json.JsonFormat",
  "partitioner.class": "io.confluent.connect.storage.partitioner.DefaultPartitioner",
  "value.converter.schemas.enable": "false",
  "value.converter": "org.apache.kafka.connect.json.JsonConverter",
  "storage.class": "io.confluent.connect.s3.storage.S3Storage",
  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
};

/**
 * A connector running in the account, as the provider reads it back (DescribeConnector): its network is a
 * fact of the test's world, never what the program passed.
 */
export function deployedConnector(
  name: string,
  network: ConnectorNetwork,
  configuration: Record<string, string> = WALKTHROUGH_CONNECTOR,
  region = "us-east-1",
): Existing {
  const arn = `arn:aws:kafkaconnect:${region}:123456789012:connector/${name}/7e1f0c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b-3`;
  const { bootstrapServers, subnetIds: subnets, securityGroupIds: securityGroups } = network;
  return {
    type: CONNECTOR,
    id: arn,
    state: {
      arn,
      name,
      kafkaCluster: { apacheKafkaCluster: { bootstrapServers, vpc: { subnets, securityGroups } } },
      connectorConfiguration: configuration,
    },
  };
}

/** Lookups an account answers from what exists in it (MSK Connect finds connectors by name). */
export function accountInvokes(account: MockAccount): Invokes {
  return {
    [GET_CONNECTOR]: (args) => {
      const found = account.existing?.find((e) => e.type === CONNECTOR && e.state.name === args.name);
      if (!found) throw noConnector();
      return { arn: found.state.arn, name: found.state.name, id: found.state.arn };
    },
  };
}

/** Runs the program once with the account's lookups answered. */
function run(stack: string, spec: RunSpec, account: MockAccount): Promise<ProgramRun> {
  return runProgram(
    stack,
    spec.config,
    { ...spec.invokes, ...accountInvokes(account) },
    spec.secretKeys ?? [],
    account,
  );
}

/** Runs the program as `first`, then as `second` against the account the first run left behind. */
export async function runTwice(
  stack: string,
  first: RunSpec,
  second: RunSpec,
  account: MockAccount = {},
): Promise<TwiceRun> {
  const one = await run(stack, first, account);
  if (one.error) throw one.error;
  return runAfter(stack, one, second, account);
}

/** Runs the program as `second` against the account a first run (in `account`) left behind. */
export async function runAfter(
  stack: string,
  one: ProgramRun,
  second: RunSpec,
  account: MockAccount = {},
): Promise<TwiceRun> {
  // The mock provider answers a create with its inputs: a connector's network in the account is set by the
  // test (deployedConnector), not taken from what the first run passed.
  const left: Existing[] = one.resources
    .filter((r) => r.custom && r.type !== CONNECTOR)
    .map((r) => ({ type: r.type, id: r.id, state: r.outputs }));
  const after: MockAccount = {
    ...account,
    existing: [...left, ...(account.existing ?? [])],
  };
  const two = await run(stack, second, after);
  if (two.error) throw two.error;
  return { first: one, second: two, diff: await diffRuns(one.resources, two.resources) };
}

/** Runs the program as `first` (what runAfter needs); throws its error. */
export async function runFirst(
  stack: string,
  first: RunSpec,
  account: MockAccount = {},
): Promise<ProgramRun> {
  const one = await run(stack, first, account);
  if (one.error) throw one.error;
  return one;
}

const label = (r: Registered) => `${r.type} ${r.name}`;

/** Compares the second run's inputs with the first run's state, resource by resource. */
export async function diffRuns(before: Registered[], after: Registered[]): Promise<LifecycleDiff> {
  const old = new Map(before.filter((r) => r.custom).map((r) => [r.urn, r]));
  const now = after.filter((r) => r.custom);
  const changed = new Map<string, Set<string>>();
  for (const r of now) changed.set(r.urn, await directChanges(old.get(r.urn), r));
  const replaced = new Set<string>();
  const forces = (r: Registered, input: string) =>
    (REPLACE_FORCING[r.type] ?? []).includes(input) ||
    r.replaceOnChanges.includes(input) ||
    r.replaceOnChanges.includes("*");
  for (let grew = true; grew;) {
    grew = false;
    for (const r of now.filter((x) => old.has(x.urn))) {
      const inputs = changed.get(r.urn)!;
      for (const [input, urns] of Object.entries(r.propertyDependencies))
        if (urns.some((u) => replaced.has(u))) inputs.add(input);
      if (!replaced.has(r.urn) && [...inputs].some((i) => forces(r, i))) {
        replaced.add(r.urn);
        grew = true;
      }
    }
  }
  const diff: LifecycleDiff = { replaceForcing: {}, inPlace: {}, created: [], deleted: [] };
  for (const r of now) {
    if (!old.has(r.urn)) {
      diff.created.push(label(r));
      continue;
    }
    const inputs = [...changed.get(r.urn)!].sort();
    const forcing = inputs.filter((i) => forces(r, i));
    if (forcing.length > 0) diff.replaceForcing[label(r)] = forcing;
    const inPlace = inputs.filter((i) => !forces(r, i));
    if (inPlace.length > 0) diff.inPlace[label(r)] = inPlace;
  }
  const kept = new Set(now.map((r) => r.urn));
  diff.deleted = [...old.values()].filter((r) => !kept.has(r.urn)).map(label);
  return diff;
}

/** Inputs whose new value differs from the old state, after `ignoreChanges`. */
async function directChanges(before: Registered | undefined, after: Registered): Promise<Set<string>> {
  if (!before) return new Set();
  const keys = new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)]);
  const changed = new Set<string>();
  for (const key of keys) {
    const was = key in before.outputs ? before.outputs[key] : before.inputs[key];
    const ignored = ignoredPaths(after.ignoreChanges, key);
    if (ignored === "all") continue;
    const [a, b] = await Promise.all([comparable(was), comparable(after.inputs[key])]);
    if (canonical(strip(a, ignored)) !== canonical(strip(b, ignored))) changed.add(key);
  }
  return changed;
}

/** A value as the engine compares it: promises settled, a file asset by its content's hash (not its path). */
async function comparable(value: unknown): Promise<unknown> {
  const v: unknown = await value;
  if (Array.isArray(v)) return Promise.all(v.map(comparable));
  if (v === null || typeof v !== "object") return v;
  const o = v as Inputs;
  if (o.__pulumiAsset) {
    const path = (await o.path) as string | undefined;
    if (path) return { fileSha256: createHash("sha256").update(readFileSync(path)).digest("hex") };
    return { uri: await o.uri, text: await o.text };
  }
  const entries = await Promise.all(Object.entries(o).map(async ([k, x]) => [k, await comparable(x)]));
  return Object.fromEntries(entries) as Inputs;
}

type Path = (string | number)[];

/** The ignoreChanges paths under one top-level input ("all" when the whole input is ignored). */
function ignoredPaths(ignoreChanges: string[], key: string): Path[] | "all" {
  const paths: Path[] = [];
  for (const p of ignoreChanges) {
    if (p === "*") return "all";
    const [head, ...rest] = parsePath(p);
    if (head !== key) continue;
    if (rest.length === 0) return "all";
    paths.push(rest);
  }
  return paths;
}

/** `connectorConfiguration["tasks.max"]`, `a.b[0]` → its segments. */
export function parsePath(path: string): Path {
  const segments: Path = [];
  const re = /^([A-Za-z0-9_$]+)|\["((?:[^"\\]|\\.)*)"\]|\.([A-Za-z0-9_$]+)|\[(\d+)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[4] !== undefined) segments.push(Number(m[4]));
    else segments.push(m[1] ?? m[2] ?? m[3]);
  }
  return segments;
}

/** A copy of the value without the given paths. */
function strip(value: unknown, paths: Path[]): unknown {
  if (paths.length === 0 || value === null || typeof value !== "object") return value;
  const copy = structuredClone(value) as Inputs;
  for (const path of paths) {
    let node: unknown = copy;
    for (const segment of path.slice(0, -1)) node = (node as Inputs | undefined)?.[segment];
    if (node !== null && typeof node === "object") delete (node as Inputs)[path[path.length - 1]];
  }
  return copy;
}

/** JSON with sorted keys; a missing value and undefined compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Inputs).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
