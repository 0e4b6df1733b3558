/**
 * The README's commands as it gives them: sections, their ```bash blocks, and the commands it gives
 * inline in prose (`npm run destroy -- <stack>`), with placeholders filled in by the caller. Plain
 * file reading only, so the unit tier can use it too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** The user documentation: README.md and every docs/*.md, by path from the repository root. */
export function userDocs(): Map<string, string> {
  const files = [
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  return new Map(files.map((f) => [f, readFileSync(join(ROOT, f), "utf8")]));
}

/**
 * A section of the user documentation by its heading line (`## Quick start`), down to the next heading
 * of its level or above; the heading must occur in exactly one of README.md and docs/*.md.
 */
export function readmeSection(heading: string): string {
  const found = [...userDocs().values()].filter((text) => text.includes(`\n${heading}\n`));
  if (found.length !== 1)
    throw new Error(`README and docs/: ${found.length} sections ${heading}, expected one`);
  const text = found[0];
  const level = heading.split(" ")[0];
  const rest = text.slice(text.indexOf(`\n${heading}\n`) + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * The one command a README section gives inline (a `code` span, outside ```bash blocks) that matches
 * `pattern`, its `<placeholders>` replaced from `fill`; throws unless exactly one distinct span
 * matches and every placeholder is filled, so the test runs the README's text, never a retyped one.
 */
export function readmeInline(heading: string, pattern: RegExp, fill: Record<string, string> = {}): string {
  const prose = readmeSection(heading).replace(/```[\s\S]*?```/g, "");
  const spans = [...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\s+/g, " ").trim());
  const found = [...new Set(spans.filter((s) => pattern.test(s)))];
  if (found.length !== 1)
    throw new Error(
      `README ${heading}: expected one inline command matching ${pattern}, found ${found.length}`,
    );
  const command = found[0].replace(/<([^<>]+)>/g, (whole, name: string) => {
    if (!(name in fill)) throw new Error(`README ${heading}: no value for ${whole} in ${found[0]}`);
    return fill[name];
  });
  return command;
}
