/** Topic names a stack declares through kafka-topics scripts (the remote command's create/update). */

/** One POSIX shell word, unquoted ('…', "…" without expansions, or bare); undefined when it expands something. */
function shellWord(word: string): string | undefined {
  if (word.startsWith("'")) return word.slice(1, -1).replace(/'\\''/g, "'");
  if (word.includes("$")) return undefined;
  return word.startsWith('"') ? word.slice(1, -1) : word;
}

const WORD = `('(?:[^']|'\\\\'')*'|"[^"]*"|[^\\s;|&'"]+)`;

const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** Topic names a kafka-topics script creates: literal `--topic <name>` on `--create` lines, and a `topics='a b c'` list. */
export function topicsInScript(script: string): string[] {
  if (!script.includes("kafka-topics")) return [];
  const names: string[] = [];
  for (const line of script.split("\n").filter((l) => l.includes("--create"))) {
    for (const m of line.matchAll(new RegExp(`--topic[= ]+${WORD}`, "g"))) names.push(shellWord(m[1]) ?? "");
  }
  for (const m of script.matchAll(new RegExp(`^\\s*topics=${WORD}`, "gm")))
    names.push(...(shellWord(m[1]) ?? "").split(/\s+/));
  return [...new Set(names.filter((n) => TOPIC_NAME.test(n)))];
}
