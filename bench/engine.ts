/**
 * Real-CLI preview times (bench section 4): `npm run preview` of a valid stack (it ends at the AWS
 * provider boundary) and of a stack with a bad setting, in a fresh copy sharing this node_modules.
 * Needs the CLI the engine tier found or built (MSK_S3_SINK_ENGINE_CLI, or .it/engine/bin/pulumi).
 */
import { copyFileSync, existsSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { AWS_BOUNDARY, freshCopy, REPO, sh, workspace } from "../tests/engine/cli";

export interface PreviewTimes {
  valid: number[];
  badSetting: number[];
  typeChecked: number;
}

/** The CLI to measure, or why there is none. */
export function engineCli(): string | { skipped: string } {
  const built = join(REPO, ".it", "engine", "bin", "pulumi");
  if (process.env.MSK_S3_SINK_ENGINE_CLI) return process.env.MSK_S3_SINK_ENGINE_CLI;
  return existsSync(built) ? built : { skipped: "no CLI: `npm run test:engine` finds or builds one" };
}

export function previewTimes(cli: string, samples: number): PreviewTimes {
  const ws = workspace(freshCopy(), cli);
  symlinkSync(join(REPO, "node_modules"), join(ws.dir, "node_modules"));
  sh(ws, "export PULUMI_CONFIG_PASSPHRASE=bench");
  copyFileSync(join(ws.dir, "Pulumi.prod.yaml"), join(ws.dir, "Pulumi.bad.yaml"));
  sh(ws, "npm run pulumi -- config set deliveryPreset fast --stack bad");
  const time = (stack: string, expect: string) => {
    const r = sh(ws, `npm run preview -- ${stack}`);
    if (!r.output.includes(expect))
      throw new Error(`preview of ${stack} did not end with ${expect}:\n${r.output}`);
    return r.seconds;
  };
  time("prod", AWS_BOUNDARY); // first run: creates the stack, warms the file cache
  const valid = Array.from({ length: samples }, () => time("prod", AWS_BOUNDARY));
  const badSetting = Array.from({ length: samples }, () =>
    time("bad", "must be one of walkthrough, balanced, bulk"),
  );
  sh(ws, "export PULUMI_NODEJS_TRANSPILE_ONLY=false");
  return { valid, badSetting, typeChecked: time("prod", AWS_BOUNDARY) };
}
