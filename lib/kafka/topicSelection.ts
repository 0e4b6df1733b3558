/**
 * Which topics a sink connector reads. Kafka Connect takes either `topics` (a comma-separated list)
 * or `topics.regex` (a Java regex that must match the whole name). Simple Java regexes mean the same
 * in JavaScript; one JavaScript cannot compile is reported, not guessed at.
 */

/** MSK Connect's and Kafka's own topics: a sink that reads them copies offsets and configs into S3. */
export const INTERNAL_TOPICS = [
  "__amazon_msk_connect_offsets_probe",
  "__amazon_msk_connect_configs_probe",
  "__amazon_msk_connect_status_probe",
  "__consumer_offsets",
  "__transaction_state",
];
const UNRELATED = ["zz-unrelated-topic-7", "x"];

export type Selection =
  | { kind: "list"; topics: string[] }
  | { kind: "regex"; source: string; matches: (topic: string) => boolean }
  | { kind: "problem"; problem: string };

/** The connector configuration's topic selection, or what is wrong with it. */
export function selectionOf(config: Readonly<Record<string, string>>): Selection {
  const topics = config["topics"];
  const source = config["topics.regex"];
  if (topics !== undefined && source !== undefined)
    return { kind: "problem", problem: "sets both topics and topics.regex: Kafka Connect rejects the pair" };
  if (topics !== undefined)
    return {
      kind: "list",
      topics: topics
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t !== ""),
    };
  if (source === undefined)
    return { kind: "problem", problem: "sets neither topics nor topics.regex: the connector reads nothing" };
  try {
    const re = new RegExp(`^(?:${source})$`);
    return { kind: "regex", source, matches: (t) => re.test(t) };
  } catch {
    return {
      kind: "problem",
      problem: `topics.regex=${JSON.stringify(source)} cannot be evaluated: use an alternation of escaped names`,
    };
  }
}

/** Reads the topic (or, for a regex, matches it). */
export function selects(s: Selection, topic: string): boolean {
  return s.kind === "list" ? s.topics.includes(topic) : s.kind === "regex" ? s.matches(topic) : false;
}

/** Problems visible from the connector alone: catch-alls, open `<prefix>.*` patterns, internal topics. */
export function selectionProblems(s: Selection): string[] {
  if (s.kind === "problem") return [s.problem];
  const problems: string[] = [];
  const shown =
    s.kind === "list"
      ? `topics=${JSON.stringify(s.topics.join(","))}`
      : `topics.regex=${JSON.stringify(s.source)}`;
  if (s.kind === "list" && s.topics.length === 0) problems.push(`${shown} lists no topic`);
  if (s.kind === "regex" && UNRELATED.every((t) => s.matches(t)))
    problems.push(`${shown} matches any topic: list the sink topics instead`);
  else if (s.kind === "regex" && /(^|[^\\])(\\\\)*\.[*+]/.test(s.source))
    problems.push(
      `${shown} contains an open ".*": it matches topics beyond the sink topics; list them, dots escaped`,
    );
  const internal =
    s.kind === "list"
      ? s.topics.filter((t) => t.startsWith("__"))
      : INTERNAL_TOPICS.filter((t) => s.matches(t));
  if (internal.length > 0)
    problems.push(
      `${shown} reads internal topics (${internal.join(", ")}): never sink Connect's or Kafka's own topics`,
    );
  return problems;
}

/** Near-miss names a selection of exactly `declared` must not match (unescaped dots, prefixes, suffixes). */
export function nearMisses(declared: readonly string[]): string[] {
  const probes = declared.flatMap((t) => [
    `${t}x`,
    `x${t}`,
    `${t}.dlq`,
    ...[...t].flatMap((c, i) => (c === "." ? [`${t.slice(0, i)}_${t.slice(i + 1)}`] : [])),
  ]);
  return [...new Set(probes)].filter((p) => !declared.includes(p));
}

/** How a selection differs from the topics the stack declares. */
export function declaredProblems(s: Selection, declared: readonly string[]): string[] {
  if (s.kind === "problem") return [];
  if (declared.length === 0)
    return [
      "the stack declares no topics (no aws:msk/topic:Topic, no remote command creating them) to compare with",
    ];
  const problems: string[] = [];
  const missed = declared.filter((t) => !selects(s, t));
  const extra =
    s.kind === "list"
      ? s.topics.filter((t) => !declared.includes(t))
      : nearMisses(declared).filter((t) => selects(s, t));
  if (missed.length > 0) problems.push(`does not read declared topics ${missed.join(", ")}`);
  if (extra.length > 0) problems.push(`also reads topics the stack does not declare: ${extra.join(", ")}`);
  return problems;
}
