/**
 * The commands of README.md and docs/*.md as they give them: sections by heading, their ```bash blocks, and
 * the commands they give inline in prose (`npm run destroy -- <stack>`), with placeholders filled in by the
 * caller. The only way tests take a command from the docs: with MSK_S3_SINK_DOCS_RAN=<tier> set, each one
 * handed out is recorded in .it/docs-ran/<tier>, which tests/engine/contract.ts holds against docCommands().
 * Plain file reading only, so the unit tier can use it too.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
export const RAN_DIR = join(ROOT, ".it", "docs-ran");

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
 * An inline span is a command when it starts, after any `NAME=value` assignments, with a program a user
 * runs and an argument, and elides nothing: a span with `…` refers to a command given in full elsewhere,
 * and npm's own messages (`npm warn …`) are output. Every line of a ```bash block is a command.
 */
const PROGRAM =
  /^(?:[A-Z][A-Z0-9_]*=\S* )*(?!npm (?:warn|error) )(?:npm|npx|pulumi|aws|gh|ssh|git|curl|cp|export|sha256sum|bash|jq|\.\/\S+|kafka-\S+\.sh) \S/;
const isCommand = (span: string) => PROGRAM.test(span) && !span.includes("…");

const FENCED = /```[a-z]*\n[\s\S]*?```/g;
/** The `code` spans of a text's prose (outside fenced blocks), whitespace collapsed; `` ` `` pairs by length. */
const spans = (text: string) =>
  [...text.replace(FENCED, "").matchAll(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)].map((m) =>
    m[2].replace(/\s+/g, " ").trim(),
  );
/** The lines of each ```bash block (comments and blank lines dropped). */
const blocks = (text: string) =>
  [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) =>
    m[1]
      .split("\n")
      .map((line) => line.replace(/(^|\s+)#\s.*$/, "").trim())
      .filter((line) => line !== ""),
  );

/** Records commands handed out to a test, when a tier asks for it (MSK_S3_SINK_DOCS_RAN). */
function handOut(commands: string[]): void {
  const tier = process.env.MSK_S3_SINK_DOCS_RAN;
  if (!tier) return;
  mkdirSync(RAN_DIR, { recursive: true });
  appendFileSync(join(RAN_DIR, tier), commands.map((c) => `${JSON.stringify(c)}\n`).join(""));
}

/** Every command the docs give, with its file and the heading it stands under. */
export function docCommands(): { file: string; heading: string; command: string }[] {
  return [...userDocs()].flatMap(([file, text]) => {
    const sections: { heading: string; body: string }[] = [];
    let fenced = false;
    for (const line of text.split("\n")) {
      if (line.startsWith("```")) fenced = !fenced;
      if (!fenced && /^#+ /.test(line)) sections.push({ heading: line, body: "" });
      else if (sections.length > 0) sections[sections.length - 1].body += `${line}\n`;
    }
    return sections.flatMap(({ heading, body }) =>
      [...new Set([...blocks(body).flat(), ...spans(body).filter(isCommand)])].map((command) => ({
        file,
        heading,
        command,
      })),
    );
  });
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

/** The command lines of the ```bash blocks in a section (comments dropped), block by block. */
export function readmeBlocks(heading: string): string[][] {
  const found = blocks(readmeSection(heading));
  handOut(found.flat());
  return found;
}

/** Every distinct inline command of a section that matches `pattern`, as written. */
export function readmeInlines(heading: string, pattern: RegExp): string[] {
  const found = [...new Set(spans(readmeSection(heading)).filter((s) => isCommand(s) && pattern.test(s)))];
  handOut(found);
  return found;
}

/**
 * The one span a section gives inline (a `code` span, outside ```bash blocks: a command, or a message the
 * docs quote) that matches `pattern`, its `<placeholders>` replaced from `fill`; throws unless exactly one
 * distinct span matches and every placeholder is filled, so the test runs the docs' text, never a retyped one.
 */
export function readmeInline(heading: string, pattern: RegExp, fill: Record<string, string> = {}): string {
  const found = [...new Set(spans(readmeSection(heading)).filter((s) => pattern.test(s)))];
  if (found.length !== 1)
    throw new Error(
      `README ${heading}: expected one inline command matching ${pattern}, found ${found.length}`,
    );
  handOut(found);
  return found[0].replace(/<([^<>]+)>/g, (whole, name: string) => {
    if (!(name in fill)) throw new Error(`README ${heading}: no value for ${whole} in ${found[0]}`);
    return fill[name];
  });
}
