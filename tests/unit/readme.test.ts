import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { configKeys } from "../../lib/config/keys";
import { readmeSection } from "../engine/readme";

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** Rows of the README's configuration reference: key → [type, default, description]. */
function referenceTable(): Map<string, string[]> {
  const section = readmeSection("## Configuration reference");
  const rows = section.split("\n").filter((l) => /^\| `/.test(l));
  return new Map(
    rows.map((l) => {
      const cells = l.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, "").trim());
      return [cells[0].replace(/`/g, ""), cells.slice(1)];
    }),
  );
}

const shown = (v: unknown) => `\`${typeof v === "string" ? v : JSON.stringify(v)}\``;

describe("README configuration reference", () => {
  const table = referenceTable();

  it("lists exactly the keys the schema accepts, in the schema's order", () => {
    expect([...table.keys()]).to.deep.equal(configKeys().map((k) => k.key));
  });

  it("states each schema default exactly", () => {
    for (const { key, default: value } of configKeys()) {
      const cell = table.get(key)?.[1];
      if (value !== undefined) expect(cell, key).to.equal(shown(value));
      // No schema default: "required", "none", a description, or a name derived from <id>.
      else if (/^`[^`]*`$/.test(cell ?? "")) expect(cell, key).to.include("<id>");
      else expect(cell, key).to.match(/^(required|none|the |[A-Z`])/);
    }
  });

  it("agrees with Pulumi.yaml on every declared key's type, default and secrecy", () => {
    const project = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as {
      config: Record<string, { type: string; default?: unknown; secret?: boolean }>;
    };
    for (const [key, decl] of Object.entries(project.config)) {
      const [type, dflt] = table.get(key) ?? [];
      expect(type, key).to.equal(decl.secret ? `${decl.type} (secret)` : decl.type);
      if (decl.default !== undefined) expect(dflt, key).to.equal(shown(decl.default));
      const schemaDefault = configKeys().find((k) => k.key === key)?.default;
      expect(decl.default, `Pulumi.yaml default of ${key}`).to.equal(schemaDefault);
    }
  });

  it("gives the same test command CI runs", () => {
    const ci = readFileSync(join(root, ".ci", "run"), "utf8");
    expect(readme).to.include("```bash\nnpm test\n```");
    expect(ci.split("\n")).to.include("npm test");
  });
});
