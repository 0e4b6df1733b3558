/**
 * docs/delivery.md's cost table, regenerated with the command it gives, in the fresh copy after the Quick
 * start's `npm ci`: the table printed is the one the docs show, cell for cell (Prettier aligns the docs' copy).
 */
import { expect } from "chai";
import { afterQuickStart, CLI, readmeInline, readmeSection, sh } from "./cli";

/** A markdown table's rows of cells, the header's delimiter row left out. */
const cells = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|[ :|-]+\|$/.test(l))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );

describe("docs/delivery.md: the cost table, regenerated as the docs say", function () {
  before(function () {
    if (!CLI) this.skip();
  });

  it("npx ts-node bench/cost-table.ts prints the table the docs show", () => {
    const { ws } = afterQuickStart();
    const command = readmeInline("## Cost table", /^npx /);
    expect(command).to.equal("npx ts-node bench/cost-table.ts");
    const r = sh(ws, command);
    expect(r.code, r.output).to.equal(0);
    const shown = cells(readmeSection("## Cost table"));
    expect(shown).to.have.length(10);
    expect(cells(r.output)).to.deep.equal(shown);
  });
});
