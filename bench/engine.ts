/**
 * Real-CLI preview times (bench section 4): `npm run preview` of a valid stack (it ends at the AWS
 * provider boundary) and of a stack with a bad setting, in a fresh copy sharing this node_modules.
 * Needs a CLI: MSK_S3_SINK_ENGINE_CLI, else the user's (scripts/pulumi-cli.sh --user-only), else .it/engine/bin/pulumi.
 */
import { spawnSync } from "node:child_process";
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
  if (process.env.MSK_S3_SINK_ENGINE_CLI) return process.env.MSK_S3_SINK_ENGINE_CLI;
  const user = spawnSync("bash", [join(REPO, "scripts", "pulumi-cli.sh"), "--user-only"], {
    encoding: "utf8",
  });
  if (user.status === 0) return user.stdout.trim();
  const built = join(REPO, ".it", "engine", "bin", "pulumi");
  return existsSync(built)
    ? built
    : { skipped: "no CLI: install Pulumi, or `npm run test:engine` builds one here" };
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
