/**
 * `npx ts-node -T scripts/ci/preview-comment.ts <stack> <outcome> <event log> <output>` prints the pull-request
 * comment for one stack's preview: its outcome, the policy results, and the tail of the CLI's output.
 *
 * Policy results come from the CLI's event log, not from its text: `PULUMI_DEBUG_COMMANDS=true pulumi preview
 * --event-log FILE` (the flag exists only with that variable, pkg/cmd/pulumi/operations/preview.go; the Automation
 * API sets both, sdk/nodejs/automation/stack.ts) writes one apitype.EngineEvent JSON per line (pulumi/pulumi
 * v3.259.0, the pinned CLI: pkg/backend/display/display.go logJSONEvent, which strips colors with --color never).
 * `--json` is no use: its digest drops policy events (pkg/backend/display/json.go). `summaryEvent.PolicyPacks`
 * names the packs that ran, a local one as `name|local|path` (pkg/engine/update.go NameForEvents); each violation
 * is a `policyEvent` (sdk/go/common/apitype/events.go PolicyEvent). The verdicts match the CLI's own `Policies:`
 * block (pkg/backend/display/progress.go printPolicies): ❌ on a mandatory violation, ⚠️ on another.
 */
import { existsSync, readFileSync } from "node:fs";

interface PolicyEvent {
  resourceUrn?: string;
  message: string;
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  enforcementLevel: string;
}
interface EngineEvent {
  policyEvent?: PolicyEvent;
  summaryEvent?: { PolicyPacks?: Record<string, string>; result?: string };
}

/** GitHub refuses comment bodies over 65,536 characters; the output gets what the rest leaves. */
export const MAX_OUTPUT = 60000;

const HEADLINE: Record<string, string> = {
  success: "✅ succeeded",
  failure: "❌ failed",
  skipped: "⚠️ did not run: an earlier step failed (see the workflow run)",
};

/** `type: name` of a URN (urn:pulumi:stack::project::parent$type::name); a stack policy's event has none. */
const resource = (urn?: string) =>
  urn ? `${urn.split("::")[2].split("$").pop()}: ${urn.split("::")[3]}` : "stack";

/** The comment's policy lines, from the event log's events. */
export function policyLines(events: EngineEvent[]): string[] {
  const summary = events.find((e) => e.summaryEvent)?.summaryEvent;
  const packs = Object.entries(summary?.PolicyPacks ?? {}).map(([name, v]) => `${name.split("|")[0]}@v${v}`);
  if (packs.length === 0)
    return ["**Policies:** did not run: the preview stopped before them (see the output)."];
  const violations = events.flatMap((e) => (e.policyEvent ? [e.policyEvent] : []));
  const lines = packs.map((pack) => {
    const own = violations.filter((v) => `${v.policyPackName}@v${v.policyPackVersion}` === pack);
    const mark = own.some((v) => v.enforcementLevel === "mandatory") ? "❌" : own.length > 0 ? "⚠️" : "✅";
    return `**Policies:** ${mark} \`${pack}\`${own.length === 0 ? ": no violations" : ""}`;
  });
  if (summary?.result !== "succeeded" && !violations.some((v) => v.enforcementLevel === "mandatory"))
    lines.push("The preview failed before it finished: resources it had not reached were not checked.");
  return lines.concat(
    violations.map(
      (v) =>
        `- [${v.enforcementLevel}] \`${v.policyName}\` (${resource(v.resourceUrn)}): ${v.message.trim().replace(/\n+/g, " ")}`,
    ),
  );
}

/** A code fence longer than any run of backticks in the text. */
const fence = (text: string) =>
  "`".repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));

/** The whole comment. */
export function comment(stack: string, outcome: string, events: EngineEvent[], output: string): string {
  const cut = output.length > MAX_OUTPUT ? output.slice(-MAX_OUTPUT) : output;
  const tail = cut === output ? cut.trimEnd() : `… (the workflow run has the whole output)\n${cut.trimEnd()}`;
  return [
    `### \`pulumi preview\` of stack \`${stack}\`: ${HEADLINE[outcome] ?? outcome}`,
    "",
    ...policyLines(events),
    "",
    "<details><summary>Output</summary>",
    "",
    fence(tail),
    tail || "(no output)",
    fence(tail),
    "",
    "</details>",
  ].join("\n");
}

if (require.main === module) {
  const [stack, outcome, log, out] = process.argv.slice(2);
  const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
  const events = read(log)
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EngineEvent);
  console.log(comment(stack, outcome, events, read(out)));
}
