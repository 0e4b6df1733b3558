/**
 * The README's commands as it gives them: sections, their ```bash blocks, and the commands it gives
 * inline in prose (`npm run destroy -- <stack>`), with placeholders filled in by the caller. Plain
 * file reading only, so the unit tier can use it too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const README = join(__dirname, "..", "..", "README.md");

/** A section of the README by its heading line (`## Quick start`), down to the next heading of its level or above. */
export function readmeSection(heading: string): string {
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${heading}`);
  const level = heading.split(" ")[0];
  const rest = readme.slice(start + heading.length + 2);
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
