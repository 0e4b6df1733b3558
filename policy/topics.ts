/** The remote command that creates the topics over SSH: it holds a key and runs on someone else's host. */
import * as command from "@pulumi/command";
import { PolicyResourceOptions, ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { REMOTE_COMMAND_OUTPUTS } from "../lib/kafka/topicCommands";

const KEY_MATERIAL = /PRIVATE KEY/;
/** The only inputs that may carry a key: the SDK marks `connection` secret. */
const KEY_PATHS = ["connection.privateKey", "connection.proxy.privateKey"];

/** Dotted paths of string values under `value` that contain private key material. */
export function keyMaterialPaths(value: unknown, path = ""): string[] {
  if (typeof value === "string") return KEY_MATERIAL.test(value) ? [path] : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => keyMaterialPaths(v, path ? `${path}.${k}` : k));
}

/**
 * Scripts, environment, stdin and triggers are stored and diffed in plain text: a key there leaks.
 * CrossGuard unwraps secrets before policies see them (pulumi/pulumi-policy#241), so the input's
 * secretness cannot be read; `additionalSecretOutputs: ["connection"]`, which the SDK always adds with
 * the secret input, is the visible evidence that the connection (and its key) stays encrypted.
 */
export const commandNoPlainKey: ResourceValidationPolicy = {
  name: "topics-command-no-plain-key",
  description:
    "Private key material appears only in connection.privateKey, and connection is a secret output.",
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(command.remote.Command, (cmd, args, report) => {
    for (const path of keyMaterialPaths(cmd).filter((p) => !KEY_PATHS.includes(p)))
      report(
        `${path} holds private key material: pass the key only as connection.privateKey, from secret config`,
      );
    if (cmd.connection?.privateKey !== undefined && !args.opts.additionalSecretOutputs.includes("connection"))
      report(
        "connection is not in additionalSecretOutputs: its privateKey would be stored in plain text (use the @pulumi/command SDK, which marks it secret)",
      );
  }),
};

/**
 * The remote shell's stdout and stderr may echo secrets. `logging: "none"` keeps them out of the
 * update's log only; the provider still stores both as outputs, in plain text unless they are
 * secret outputs (encrypted in state like the connection).
 */
export const commandNoLogging: ResourceValidationPolicy = {
  name: "topics-command-no-logging",
  description:
    'The remote command sets logging: "none" and keeps stdout and stderr as secret outputs (additionalSecretOutputs).',
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfType(command.remote.Command, (cmd, args, report) => {
    if (cmd.logging !== "none")
      report(
        `logging is ${JSON.stringify(cmd.logging ?? "stdoutAndStderr (unset)")}: set "none" so remote output stays out of the update's log`,
      );
    const plain = REMOTE_COMMAND_OUTPUTS.filter((o) => !args.opts.additionalSecretOutputs.includes(o));
    if (plain.length > 0)
      report(
        `${plain.join(" and ")} not in additionalSecretOutputs: the provider stores the remote output in state in plain text even with logging "none"; add ${JSON.stringify(plain)}`,
      );
  }),
};

/** Timeouts, in seconds, a command needs: create and update always run a script; delete only when one is set. */
export function timeoutProblems(
  timeouts: PolicyResourceOptions["customTimeouts"],
  hasDelete: boolean,
  maxMinutes: number,
): string[] {
  const ops: [string, number][] = [
    ["create", timeouts.createSeconds],
    ["update", timeouts.updateSeconds],
  ];
  if (hasDelete) ops.push(["delete", timeouts.deleteSeconds]);
  return ops.flatMap(([op, seconds]) =>
    !(seconds > 0)
      ? [
          `customTimeouts.${op} is not set: a hung SSH session or Kafka tool would hold the deployment; set customTimeouts`,
        ]
      : seconds > maxMinutes * 60
        ? [`customTimeouts.${op} is ${seconds / 60} minutes: above the ${maxMinutes}-minute bound`]
        : [],
  );
}

/** A remote command without a timeout can hang a deployment (and its state lock) indefinitely. */
export const commandTimeouts: ResourceValidationPolicy = {
  name: "topics-command-timeouts",
  description:
    "The remote command has customTimeouts for every operation that runs a script, within a bound.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { maxMinutes: { type: "integer", minimum: 1, default: 120 } } },
  validateResource: validateResourceOfType(command.remote.Command, (cmd, args, report) => {
    const { maxMinutes = 120 } = args.getConfig<{ maxMinutes?: number }>();
    timeoutProblems(
      args.opts.customTimeouts,
      cmd.delete !== undefined && cmd.delete !== "",
      maxMinutes,
    ).forEach((p) => report(p));
  }),
};
