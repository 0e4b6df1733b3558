/**
 * Prints the markdown cost table in docs/delivery.md from the model in lib/s3/cost.ts:
 * `npx ts-node bench/cost-table.ts`.
 */

import { estimatePreset, type Workload } from "../lib/s3/cost";
import { PRESETS } from "../lib/config/enums";

const RATES = [10, 1000, 50_000];
/** The walkthrough's three topics (pin, geo, user), one partition each, 1 KiB records. */
const workload = (recordsPerSecond: number): Workload => ({
  recordsPerSecond,
  meanRecordBytes: 1024,
  topics: 3,
  partitionsPerTopic: 1,
});

/** Thousands separators, `min` to `max` decimals. */
function num(n: number, max = 0, min = 0): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: min, maximumFractionDigits: max });
}

/** Dollars: cents for large amounts, four significant figures for small ones. */
function usd(n: number): string {
  return n >= 1 ? `$${num(n, 2, 2)}` : `$${n.toPrecision(4).replace(/0+$/, "")}`;
}

const lines = [
  "| preset | records/s | PUT-class requests per million records | objects/day | PUT cost/day (USD) | worst-case latency |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
];
for (const preset of PRESETS)
  for (const rate of RATES) {
    const e = estimatePreset(workload(rate), preset);
    lines.push(
      `| ${preset} | ${num(rate)} | ${num(e.putsPerMillionRecords)} | ${num(e.objectsPerDay)} | ${usd(e.putCostUsdPerDay)} | ${num(e.worstCaseLatencySeconds, 3)} s |`,
    );
  }
console.log(lines.join("\n"));
