import { knownStacks } from "../../lib/ops/stackOutputs";
import * as pulumi from "@pulumi/pulumi";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { SSH_KEY } from "./fixtures";
import { installMocks, Invokes, MockAccount, Read, Registered, settle, setConfig } from "./pulumiMocks";

const REPO = join(__dirname, "..", "..");
const SSH_KEY_NAME = "msk-s3-sink:sshPrivateKey";

/** A stack file as the CLI hands it to the program: strings (maps and lists as JSON) and which keys are secret. */
export interface StackFile {
  config: Record<string, string>;
  secretKeys: string[];
}

/**
 * Reads `Pulumi.<stack>.yaml` (from the repo, or `dir`). An encrypted value (`secure: v1:…`, what
 * `config set --secret` writes) stands for a secret the tests cannot decrypt: it becomes a throwaway
 * test value and is listed as secret, as the CLI would list it.
 */
export function readStackFile(stack: string, dir = REPO): StackFile {
  const file = parse(readFileSync(join(dir, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, unknown>;
  };
  const secretKeys: string[] = [];
  const config = Object.fromEntries(
    Object.entries(file.config).map(([k, v]) => {
      if (v !== null && typeof v === "object" && "secure" in v) {
        secretKeys.push(k);
        return [k, k === SSH_KEY_NAME ? SSH_KEY : "test-secret"];
      }
      return [k, typeof v === "string" ? v : JSON.stringify(v)];
    }),
  );
  return { config, secretKeys };
}

/** The stacks a checkout has: one per `Pulumi.<stack>.yaml`. */
export function committedStacks(dir = REPO): string[] {
  return knownStacks(readdirSync(dir));
}

/**
 * The stack file as a user runs it after the Quick start: a `remote` stack without its key gets the
 * one the user would set with `config set --secret` (a test key), marked secret.
 */
export function userStackFile(stack: string, dir = REPO): StackFile {
  const file = readStackFile(stack, dir);
  const remote = (file.config["msk-s3-sink:topicManagement"] ?? "remote") === "remote";
  if (!remote || SSH_KEY_NAME in file.config) return file;
  return {
    config: { ...file.config, [SSH_KEY_NAME]: SSH_KEY },
    secretKeys: [...file.secretKeys, SSH_KEY_NAME],
  };
}

export interface ProgramRun {
  resources: Registered[];
  invoked: string[];
  /** Resources read (Resource.get). */
  reads: Read[];
  /** Messages logged with pulumi.log.warn, as a preview shows them. */
  warnings: string[];
  outputs?: Record<string, unknown>;
  error?: Error;
}

/**
 * Runs index.ts on the mock runtime with the given config; never throws, so a test can assert the
 * failure. `account` says what already exists.
 */
export async function runProgram(
  stack: string,
  config: Record<string, string>,
  invokes: Invokes,
  secretKeys: string[] = [],
  account: MockAccount = {},
): Promise<ProgramRun> {
  const { resources, invoked, reads, warnings } = installMocks(invokes, stack, false, account);
  setConfig(config, secretKeys);
  // A fresh copy of the program for each run, imported after the mocks are in place.
  delete require.cache[require.resolve("../../index")];
  const { default: program } = await import("../../index");
  try {
    const exported = await program();
    const outputs = await resolveAll(exported);
    await settle();
    return { resources, invoked, reads, warnings, outputs };
  } catch (error) {
    await settle();
    return { resources, invoked, reads, warnings, error: error as Error };
  }
}

async function resolveAll(exported: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    pulumi.output(exported).apply((v) => resolve(v as Record<string, unknown>)),
  );
}

/** Finds exactly one registration of a type (and name, when given). */
export function one(resources: Registered[], type: string, name?: string): Registered {
  const found = resources.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1)
    throw new Error(
      `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${resources.map((r) => `${r.type}/${r.name}`).join(", ")}`,
    );
  return found[0];
}

/** URNs a registration waits for, directly or through the components it depends on. */
export function waitsFor(resources: Registered[], r: Registered): Set<string> {
  const byUrn = new Map(resources.map((x) => [x.urn, x]));
  const seen = new Set<string>();
  const visit = (urn: string) => {
    if (seen.has(urn)) return;
    seen.add(urn);
    byUrn.get(urn)?.dependencies.forEach(visit);
    // Depending on a component means depending on everything under it.
    resources.filter((x) => x.parent === urn).forEach((x) => visit(x.urn));
  };
  r.dependencies.forEach(visit);
  return seen;
}
