import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../lib/config/errors";
import { PluginSourceKind } from "../../lib/config/enums";
import { pinnedVersion, pluginArchive, resolvePluginSource, sha256Hex } from "../../lib/s3/plugin";

const zip = new TextEncoder().encode("PK\u0003\u0004 not really a zip");
const digest = sha256Hex(zip);
const dir = mkdtempSync(join(tmpdir(), "plugin-test-"));
const local = join(dir, "confluentinc-kafka-connect-s3-10.0.3.zip");
writeFileSync(local, zip);
const plugin = (over: Record<string, unknown>) => ({
  source: local,
  sourceKind: PluginSourceKind.File,
  fileName: "s3.zip",
  ...over,
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("resolved");
}

describe("plugin source", () => {
  it("sha256Hex is the standard digest", () => {
    expect(sha256Hex(new TextEncoder().encode("abc"))).to.equal(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("a local file with a matching sha256 is uploaded as is; its digest goes along (it names the plugin's content)", async () => {
    expect(await resolvePluginSource(plugin({ sha256: digest }), dir)).to.deep.equal({
      kind: PluginSourceKind.File,
      location: local,
      sha256: digest,
    });
    expect(await resolvePluginSource(plugin({}), dir)).to.deep.equal({
      kind: PluginSourceKind.File,
      location: local,
      sha256: digest,
    });
  });

  it("a local file whose sha256 differs fails before anything is uploaded, naming plugin.sha256", async () => {
    const err = await rejection(resolvePluginSource(plugin({ sha256: "0".repeat(64) }), dir));
    expect(err).to.be.instanceOf(ConfigError);
    expect((err as ConfigError).problems).to.deep.equal([
      `msk-s3-sink:plugin.sha256 = "${"0".repeat(64)}": does not match ${local}, whose SHA-256 is ${digest}`,
    ]);
  });

  it("a missing local file is named", async () => {
    const err = await rejection(resolvePluginSource(plugin({ source: "nope.zip" }), dir));
    expect((err as ConfigError).problems).to.deep.equal([
      'msk-s3-sink:plugin.source = "nope.zip": no such file (give a path to the connector zip, or an https URL)',
    ]);
  });

  it("a URL without sha256 is left to the provider", async () => {
    const url = "https://example.com/s3.zip";
    expect(
      await resolvePluginSource(
        { source: url, sourceKind: PluginSourceKind.Url, fileName: "s3.zip" },
        dir,
        () => {
          throw new Error("no fetch expected");
        },
      ),
    ).to.deep.equal({ kind: PluginSourceKind.Url, location: url });
  });

  it("a URL with sha256 is downloaded once, verified and cached", async () => {
    const cache = mkdtempSync(join(tmpdir(), "plugin-cache-"));
    let fetches = 0;
    const fetcher = () => {
      fetches++;
      return Promise.resolve(zip);
    };
    const p = {
      source: "https://example.com/s3.zip",
      sourceKind: PluginSourceKind.Url,
      fileName: "s3.zip",
      sha256: digest,
    };
    const first = await resolvePluginSource(p, cache, fetcher);
    const second = await resolvePluginSource(p, cache, fetcher);
    expect(first).to.deep.equal({
      kind: PluginSourceKind.File,
      location: join(cache, `${digest}-s3.zip`),
      sha256: digest,
    });
    expect(second).to.deep.equal(first);
    expect(fetches).to.equal(1);
    expect(sha256Hex(readFileSync(join(cache, `${digest}-s3.zip`)))).to.equal(digest);
  });

  it("a downloaded file that does not match is refused and not cached", async () => {
    const cache = mkdtempSync(join(tmpdir(), "plugin-cache-"));
    const p = {
      source: "https://example.com/s3.zip",
      sourceKind: PluginSourceKind.Url,
      fileName: "s3.zip",
      sha256: "f".repeat(64),
    };
    const err = await rejection(resolvePluginSource(p, cache, () => Promise.resolve(zip)));
    expect((err as ConfigError).problems[0]).to.equal(
      `msk-s3-sink:plugin.sha256 = "${"f".repeat(64)}": does not match https://example.com/s3.zip, whose SHA-256 is ${digest}`,
    );
    const again = await rejection(
      resolvePluginSource(p, cache, () => Promise.reject(new Error("fetched again"))),
    );
    expect((again as ConfigError).problems).to.deep.equal([
      'msk-s3-sink:plugin.source = "https://example.com/s3.zip": could not be downloaded (fetched again); download the zip yourself and set plugin.source to the file',
    ]);
  });

  it("pins the object version only when the bucket reports one", () => {
    expect(pinnedVersion("3HL4kqtJlcpXroDTDmJ")).to.equal("3HL4kqtJlcpXroDTDmJ");
    expect(pinnedVersion("")).to.equal(undefined);
    expect(pinnedVersion("null")).to.equal(undefined);
  });
});

describe("plugin archive kind", () => {
  // MSK Connect CreateCustomPlugin: contentType is JAR or ZIP (MSK Connect API Reference, CustomPlugin);
  // the object's Content-Type is the registered media type of each (IANA: application/zip, application/java-archive).
  it("a .zip key is a ZIP plugin uploaded as application/zip", () => {
    expect(pluginArchive("kafka-connect-s3/confluentinc-kafka-connect-s3-10.0.3.zip")).to.deep.equal({
      pluginContentType: "ZIP",
      mediaType: "application/zip",
    });
  });

  it("a .jar key is a JAR plugin uploaded as application/java-archive", () => {
    expect(pluginArchive("kafka-connect-s3/sink.jar")).to.deep.equal({
      pluginContentType: "JAR",
      mediaType: "application/java-archive",
    });
  });
});
