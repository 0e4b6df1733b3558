/**
 * `npm run lint`'s dependency rules (.dependency-cruiser.cjs) refuse what they say they refuse: the project's
 * own config run by the real depcruise over a small tree of imports, some allowed and some not.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const REPO = join(__dirname, "..", "..");

/** Writes `files` (path → text) under a fresh directory; returns it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "msk-s3-sink-layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** depcruise with the project's config over `lib` and `components` of `root`: each violation as rule, from, to. */
function violations(root: string): string[] {
  const config = join(REPO, ".dependency-cruiser.cjs");
  const run = spawnSync(
    join(REPO, "node_modules", ".bin", "depcruise"),
    ["--config", config, "--output-type", "json", "lib", "components"],
    { cwd: root, encoding: "utf8" },
  );
  if (!run.stdout.startsWith("{")) throw new Error(`depcruise: ${run.stderr || run.error?.message}`);
  const { summary } = JSON.parse(run.stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe("lint: the layers of lib/ and its purity, as .dependency-cruiser.cjs writes them down", () => {
  it("refuses an upward import, an import cycle and the Pulumi runtime in lib/; allows types and the region enum", () => {
    // Stand-ins for the packages: the rules judge the resolved path only.
    const pkg = (name: string) => ({
      [`node_modules/${name}/package.json`]: JSON.stringify({ name, main: "index.js", types: "index.d.ts" }),
      [`node_modules/${name}/index.js`]: "exports.x = 1;\n",
      [`node_modules/${name}/index.d.ts`]: "export declare const x: number;\n",
    });
    const root = tree({
      ...pkg("@pulumi/pulumi"),
      ...pkg("@pulumi/aws"),
      "node_modules/@pulumi/aws/types/enums/index.js": "exports.Region = {};\n",
      "node_modules/@pulumi/aws/types/enums/index.d.ts": "export declare const Region: {};\n",
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, module: "commonjs" } }),
      "lib/config/settings.ts": 'import { a } from "../ops/alarms";\nexport const s = a;\n',
      "lib/config/region.ts": 'import { Region } from "@pulumi/aws/types/enums";\nexport const r = Region;\n',
      "lib/ops/alarms.ts": 'import { r } from "../config/region";\nexport const a = r;\n',
      "lib/kafka/shell.ts":
        'import * as pulumi from "@pulumi/pulumi";\nimport { t } from "./topics";\nexport const s = [pulumi.x, t];\n',
      "lib/kafka/topics.ts": 'import { s } from "./shell";\nexport const t = () => s;\n',
      "lib/connector/capacity.ts":
        'import type * as aws from "@pulumi/aws";\nexport type X = typeof aws.x;\n',
      "components/bucket.ts":
        'import * as pulumi from "@pulumi/pulumi";\nimport { a } from "../lib/ops/alarms";\nexport const b = [pulumi.x, a];\n',
    });
    expect(violations(root)).to.deep.equal([
      "layer-config: lib/config/settings.ts → lib/ops/alarms.ts",
      "lib-is-pure: lib/kafka/shell.ts → node_modules/@pulumi/pulumi/index.js",
      "no-circular: lib/kafka/shell.ts → lib/kafka/topics.ts",
    ]);
  });
});
