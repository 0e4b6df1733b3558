import { expect } from "chai";
import GithubSlugger from "github-slugger";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { parse } from "yaml";
import { configKeys } from "../../lib/config/keys";
import { readmeSection, userDocs } from "../engine/readme";
import { SSH_KEY } from "../support/fixtures";
import { runAfter, runFirst } from "../support/lifecycle";
import { ProgramRun } from "../support/stack";
import { invokesFor, settingsOf } from "../support/stackChecks";
import { WALKTHROUGH } from "../support/worlds";

const root = join(__dirname, "..", "..");

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

  it("says, in Libraries, why each dependency beyond Pulumi, mocha and chai is there", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<
      "dependencies" | "devDependencies",
      Record<string, string>
    >;
    const base = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/command", "mocha", "chai"];
    const named = [...readmeSection("## Libraries").matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]);
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
      (d) => !base.includes(d),
    );
    // Type packages go with what they type: @types/ssh2 with ssh2, @types/node with Node.js.
    for (const dep of deps.filter((d) => !d.startsWith("@types/"))) expect(named, dep).to.include(dep);
    expect(
      named.filter((n) => !deps.includes(n)),
      "named but not a dependency",
    ).to.deep.equal([]);
  });
});

/** `aws.msk.getCluster` for `aws:msk/getCluster:getCluster`, `command.remote.Command` for `command:remote:Command`. */
const spelled = (token: string) => {
  const [pkg, mod, name] = token.split(":");
  return `${pkg}.${mod.split("/")[0]}.${name}`;
};

/** What a run asks of AWS: its lookups, the resources it registers and the ones it reads back. */
function awsCalls(run: ProgramRun): string[] {
  const types = [...run.resources.map((r) => r.type), ...run.reads.map((r) => r.type)];
  return [...run.invoked, ...types].filter((t) => !/^(pulumi|msk-s3-sink):/.test(t)).map(spelled);
}

describe("README: AWS permissions for npm run up -- dev", () => {
  it("lists exactly the calls the program makes in the walkthrough's world, first deployment and later ones", async () => {
    const config = { ...WALKTHROUGH, "msk-s3-sink:sshPrivateKey": SSH_KEY };
    const secretKeys = ["msk-s3-sink:sshPrivateKey"];
    const spec = { config, invokes: invokesFor(settingsOf("dev", { config, secretKeys })), secretKeys };
    const first = await runFirst("dev", spec);
    const { second } = await runAfter("dev", first, spec);
    for (const run of [first, second]) if (run.error) throw run.error;
    const section = readmeSection("### AWS permissions for `npm run up -- dev`");
    const listed = [...section.matchAll(/`((?:aws|command)\.[a-z0-9]+\.[A-Za-z0-9]+)`/g)].map((m) => m[1]);
    const unique = (names: string[]) => [...new Set(names)].sort();
    expect(unique(listed)).to.deep.equal(unique([...awsCalls(first), ...awsCalls(second)]));
  });
});

/** The anchors GitHub gives a Markdown file's headings (github-slugger, duplicates numbered), fenced code aside. */
function anchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = text.replace(/```[\s\S]*?```/g, "").matchAll(/^#+ (.+)$/gm);
  return new Set([...headings].map((m) => slugger.slug(m[1].replace(/`/g, ""))));
}

describe("README and docs/: links", () => {
  it("every relative link names a file of the repository and, with #anchor, a heading of that file", () => {
    const docs = userDocs();
    const broken: string[] = [];
    for (const [file, text] of docs)
      for (const [, target] of text.replace(/```[\s\S]*?```/g, "").matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [path, anchor] = target.split("#");
        const linked = path === "" ? file : normalize(join(dirname(file), path));
        if (!existsSync(join(root, linked))) broken.push(`${file}: ${target} (no file ${linked})`);
        else if (anchor !== undefined && !anchors(readFileSync(join(root, linked), "utf8")).has(anchor))
          broken.push(`${file}: ${target} (no heading with that anchor in ${linked})`);
      }
    expect(broken).to.deep.equal([]);
  });
});
