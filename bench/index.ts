/**
 * `npm run bench`: figures for the program itself (not timed tests).
 *   1. the unit tier: the type check and the tests each alone, then `npm run test:unit` (target ≤ 10 s wall on
 *      2 cores), which runs them at once, the type check niced: the tests are the longer path, mostly waiting on
 *      the shells and stand-ins their script tests start, so they keep a core. Medians of 3 runs, each with its
 *      CPU time and the cores other work on the machine kept busy meanwhile;
 *   2. program evaluation on the mock runtime for 3, 30 and 300 topics (target: 300 ≤ 3× the 3-topic case);
 *   3. the deploy critical path: must be bucket → versioning → plugin object → custom plugin → connector
 *      (then only the alarms and dashboard that watch the connector)
 *      (the zip is written once versioning is in place, so it gets a version id to pin);
 *   4. `npm run preview` under the real CLI, valid and with a bad setting (target ≤ 10 s each).
 * Exits non-zero when a target is missed, after printing every figure.
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { awsInvokes, CLUSTER_ARN, IAM_BROKERS, SECURITY_GROUPS, SUBNETS } from "../tests/support/fixtures";
import { runProgram } from "../tests/support/stack";
import { COMPANY, devConfig } from "../tests/support/worlds";
import { engineCli, previewTimes } from "./engine";
import { criticalPath, dependencyGraph, longestChains } from "./graph";

const KEY = "msk-s3-sink:sshPrivateKey";
const failures: string[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Timing {
  wall: number;
  /** User+system seconds of every process the command started. */
  cpu: number;
  /** Cores the rest of the machine kept busy meanwhile (other work stretches the wall time). */
  others: number;
}

/** Busy CPU seconds of the whole machine so far. */
const machineBusy = () =>
  cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0) / 1000;

/** Times a command (npm run puts node_modules/.bin on PATH for it). */
function timed(command: string): Timing {
  const [start, busy] = [process.hrtime.bigint(), machineBusy()];
  // bash's `times` prints its children's user and system time last, e.g. `0m7.120s 0m0.610s`.
  const run = spawnSync("bash", ["-c", `${command} >/dev/null 2>&1; s=$?; times; exit $s`], {
    encoding: "utf8",
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) failures.push(`${command} failed (run it alone to see why)`);
  const times = [...(run.stdout.trim().split("\n").pop() ?? "").matchAll(/(\d+)m([\d.]+)s/g)];
  const cpu = times.reduce((sum, [, m, sec]) => sum + Number(m) * 60 + Number(sec), 0);
  return { wall, cpu, others: Math.max(0, machineBusy() - busy - cpu) / wall };
}

/** The type check, the tests and `npm run test:unit` (both at once), `samples` times in turn; medians. */
function unitTier(samples: number) {
  const commands = { typeCheck: "tsc --noEmit -p .", tests: "mocha", tier: "npm run test:unit" };
  const runs = Array.from({ length: samples }, () =>
    Object.fromEntries(Object.entries(commands).map(([k, c]) => [k, timed(c)])),
  );
  const med = (k: keyof typeof commands): Timing => ({
    wall: median(runs.map((r) => r[k].wall)),
    cpu: median(runs.map((r) => r[k].cpu)),
    others: median(runs.map((r) => r[k].others)),
  });
  return { typeCheck: med("typeCheck"), tests: med("tests"), tier: med("tier") };
}

const cluster36 = {
  "aws:msk/getCluster:getCluster": {
    arn: CLUSTER_ARN,
    kafkaVersion: "3.6.0",
    bootstrapBrokersSaslIam: IAM_BROKERS,
    bootstrapBrokersTls: "",
    brokerNodeGroupInfos: [{ clientSubnets: SUBNETS, securityGroups: SECURITY_GROUPS }],
  },
};

async function evaluationMs(
  topics: number,
  management: "remote" | "msk-api",
): Promise<{ ms: number; resources: number; heapMb: number }> {
  const names = Array.from({ length: topics }, (_, i) => `bench.t${i}`);
  const config = {
    ...devConfig(),
    "msk-s3-sink:topicManagement": management,
    "msk-s3-sink:topics": JSON.stringify({ names, partitions: 3, replicationFactor: 3 }),
  };
  const samples: number[] = [];
  let resources = 0;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const run = await runProgram("dev", config, awsInvokes(cluster36), [KEY]);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (run.error) throw run.error;
    resources = run.resources.length;
  }
  return { ms: median(samples), resources, heapMb: process.memoryUsage().heapUsed / 2 ** 20 };
}

async function main(): Promise<void> {
  const unit = unitTier(3);
  const row = (what: string, t: Timing) =>
    `   ${what.padEnd(34)} ${t.wall.toFixed(1).padStart(4)} s wall, ${t.cpu.toFixed(1).padStart(4)} s CPU (others: ${t.others.toFixed(1)} cores)`;
  console.log(`1. unit tier, median of 3 on ${cpus().length} cores:`);
  console.log(row("type check (tsc --noEmit -p .)", unit.typeCheck));
  console.log(row("tests (mocha)", unit.tests));
  console.log(row("npm run test:unit (both at once)", unit.tier));
  console.log("   (target: npm run test:unit ≤ 10 s wall)");
  if (unit.tier.wall > 10) failures.push(`npm run test:unit took ${unit.tier.wall.toFixed(1)} s`);

  console.log("2. program evaluation on the mock runtime (median of 5):");
  for (const management of ["remote", "msk-api"] as const) {
    const base = await evaluationMs(3, management);
    for (const n of [3, 30, 300]) {
      const r = n === 3 ? base : await evaluationMs(n, management);
      const ratio = r.ms / base.ms;
      console.log(
        `   ${management.padEnd(7)} ${String(n).padStart(3)} topics: ${r.ms.toFixed(0).padStart(5)} ms, ${String(r.resources).padStart(3)} registrations, ×${ratio.toFixed(2)}, heap ${r.heapMb.toFixed(0)} MiB`,
      );
      if (management === "remote" && n === 300 && ratio > 3)
        failures.push(`remote: 300 topics cost ×${ratio.toFixed(2)} of 3`);
    }
  }
  console.log("   (target: remote, the default, 300 topics ≤ ×3 — its topics are one batched command)");

  const run = await runProgram("prod", COMPANY, awsInvokes(cluster36));
  if (run.error) throw run.error;
  const label = (urn: string) => urn.split("::").slice(-2).join(" ").split("$").pop()!;
  const graph = dependencyGraph(run.resources);
  const path = criticalPath(graph).map(label);
  console.log(`3. deploy critical path (a company's world, ${graph.size} resources): ${path.join(" → ")}`);
  const expected = [
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:s3/bucketObjectv2:BucketObjectv2",
    "aws:mskconnect/customPlugin:CustomPlugin",
    "aws:mskconnect/connector:Connector",
  ];
  // Alarms (and their composite and topic policy) and the dashboard wait for the connector on purpose: they
  // start watching a running connector. They hang off the end of the chain, never lengthen the part before it.
  const operations =
    /^aws:(cloudwatch\/(metricAlarm|compositeAlarm|dashboard|logMetricFilter)|sns\/topicPolicy):/;
  const chains = longestChains(graph).map((c) =>
    c
      .map((u) => label(u).split(" ")[0])
      .filter((t) => !operations.test(t))
      .join(" → "),
  );
  if (new Set(chains).size !== 1 || chains[0] !== expected.join(" → "))
    failures.push(`critical path is not only ${expected.join(" → ")}: ${[...new Set(chains)].join(" | ")}`);

  const cli = engineCli();
  if (typeof cli !== "string") console.log(`4. real-CLI previews: skipped (${cli.skipped})`);
  else {
    const t = previewTimes(cli, 3);
    const s = (xs: number[]) =>
      `median ${median(xs).toFixed(1)} s (${xs.map((x) => x.toFixed(1)).join(", ")})`;
    console.log("4. npm run preview under the real CLI (target ≤ 10 s each):");
    console.log(`   valid stack, to the AWS provider boundary: ${s(t.valid)}`);
    console.log(`   bad setting, one config message:           ${s(t.badSetting)}`);
    console.log(
      `   valid stack with ts-node's type check:     ${t.typeChecked.toFixed(1)} s (what transpile-only saves)`,
    );
    for (const [what, xs] of [
      ["valid", t.valid],
      ["bad-setting", t.badSetting],
    ] as const)
      if (median(xs) > 10) failures.push(`${what} preview took ${median(xs).toFixed(1)} s`);
  }

  if (failures.length > 0) {
    console.log(`bench: FAILED\n${failures.map((f) => `  - ${f}`).join("\n")}`);
    process.exit(1);
  }
  console.log("bench: all targets met");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
