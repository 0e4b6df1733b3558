import { Registered } from "../tests/support/pulumiMocks";

/** Custom resources and what each waits for (dependencies on components expanded to their children). */
export function dependencyGraph(resources: Registered[]): Map<string, Set<string>> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const customsUnder = (urn: string): string[] => {
    const r = byUrn.get(urn);
    if (r?.custom) return [urn];
    return resources.filter((x) => x.parent === urn).flatMap((x) => customsUnder(x.urn));
  };
  const graph = new Map<string, Set<string>>();
  for (const r of resources.filter((x) => x.custom))
    graph.set(r.urn, new Set(r.dependencies.flatMap(customsUnder)));
  return graph;
}

/** The longest chain of custom resources (each step waits for the previous), as URNs. */
export function criticalPath(graph: Map<string, Set<string>>): string[] {
  const memo = new Map<string, string[]>();
  const longest = (urn: string): string[] => {
    const known = memo.get(urn);
    if (known) return known;
    let best: string[] = [];
    for (const dep of graph.get(urn) ?? []) {
      const chain = longest(dep);
      if (chain.length > best.length) best = chain;
    }
    const chain = [...best, urn];
    memo.set(urn, chain);
    return chain;
  };
  return [...graph.keys()].map(longest).reduce((a, b) => (b.length > a.length ? b : a), []);
}

/** All chains as long as the critical path (so a tie is visible). */
export function longestChains(graph: Map<string, Set<string>>): string[][] {
  const target = criticalPath(graph).length;
  const chains: string[][] = [];
  const walk = (urn: string, tail: string[]) => {
    const chain = [urn, ...tail];
    const deps = [...(graph.get(urn) ?? [])];
    if (deps.length === 0) {
      if (chain.length === target) chains.push(chain);
      return;
    }
    deps.forEach((d) => walk(d, chain));
  };
  [...graph.keys()].forEach((u) => walk(u, []));
  return chains;
}
