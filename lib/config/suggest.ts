import { configKeys } from "./keys";

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions) between two short strings. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** Every settable key and every map that holds keys, dotted: `bucket`, `bucket.create`, `bucket.create.name`. */
function knownPaths(): string[] {
  const paths = new Set<string>();
  for (const { key } of configKeys()) {
    const parts = key.split(".");
    parts.forEach((_, i) => paths.add(parts.slice(0, i + 1).join(".")));
  }
  return [...paths];
}

/**
 * A hint for an unknown key, or "" when nothing is close: a near-miss sibling (`bukket` → `bucket`),
 * the same name one level away (`bucket.name` → `bucket.create.name`), or a nested key set without
 * `--path` (`topics.partitions` written as one top-level key).
 */
export function suggestKey(parent: readonly PropertyKey[], unknown: string, stack: string): string {
  const known = knownPaths();
  const prefix = parent.map(String).join(".");
  const full = prefix ? `${prefix}.${unknown}` : unknown;
  if (prefix === "" && unknown.includes(".") && known.includes(unknown))
    return `; it is a nested setting: npm run pulumi -- config rm '${unknown}' --stack ${stack}, then npm run pulumi -- config set --path '${unknown}' <value> --stack ${stack}`;
  const siblings = known.filter(
    (k) =>
      k.startsWith(prefix ? `${prefix}.` : "") && !k.slice(prefix.length + (prefix ? 1 : 0)).includes("."),
  );
  const leaf = (k: string) => k.split(".").pop() ?? k;
  const bound = Math.max(1, Math.floor(unknown.length / 3));
  const near = siblings
    .map((k) => ({ k, d: editDistance(unknown.toLowerCase(), leaf(k).toLowerCase()) }))
    .filter(({ d }) => d <= bound)
    .sort((x, y) => x.d - y.d)[0];
  if (near) return `; did you mean ${near.k}?`;
  const top = full.split(".")[0];
  const elsewhere = known.filter((k) => k !== full && k.startsWith(`${top}.`) && leaf(k) === unknown);
  return elsewhere.length > 0 ? `; did you mean ${elsewhere.join(" or ")}?` : "";
}
