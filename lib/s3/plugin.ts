import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PluginSourceKind } from "../config/enums";
import { ConfigError, describeProblem } from "../config/errors";
import type { Settings } from "../config/settings";

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Throws a ConfigError naming plugin.sha256 when the bytes' digest differs from the configured one. */
export function verifySha256(bytes: Uint8Array, expected: string, from: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== expected)
    throw new ConfigError([
      describeProblem(
        { plugin: { sha256: expected } },
        ["plugin", "sha256"],
        `does not match ${from}, whose SHA-256 is ${actual}`,
      ),
    ]);
}

/** What the plugin object is uploaded from: a local file, or a URL the provider fetches itself. */
export interface PluginSource {
  kind: PluginSourceKind;
  /** File path or https URL. */
  location: string;
  /** SHA-256 of the bytes, when the program has them (a file); undefined for a URL the provider fetches. */
  sha256?: string;
}

/** Fetches bytes from a URL (injected so tests need no network). */
export type Fetcher = (url: string) => Promise<Uint8Array>;

export const httpsFetcher: Fetcher = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};

/**
 * Resolves the configured source before any resource exists. A local file must exist and, when a
 * sha256 is set, match it. A URL with a sha256 is downloaded once into `cacheDir` and verified, so
 * the uploaded bytes are the checked ones; without a sha256 the provider fetches the URL itself.
 */
export async function resolvePluginSource(
  plugin: Pick<Settings["plugin"], "source" | "sourceKind" | "sha256" | "fileName">,
  cacheDir: string,
  fetcher: Fetcher = httpsFetcher,
): Promise<PluginSource> {
  if (plugin.sourceKind === PluginSourceKind.File) {
    if (!existsSync(plugin.source))
      throw new ConfigError([
        describeProblem(
          { plugin: { source: plugin.source } },
          ["plugin", "source"],
          "no such file (give a path to the connector zip, or an https URL)",
        ),
      ]);
    const bytes = readFileSync(plugin.source);
    if (plugin.sha256) verifySha256(bytes, plugin.sha256, plugin.source);
    return { kind: PluginSourceKind.File, location: plugin.source, sha256: sha256Hex(bytes) };
  }
  if (!plugin.sha256) return { kind: PluginSourceKind.Url, location: plugin.source };
  const cached = join(cacheDir, `${plugin.sha256}-${plugin.fileName}`);
  if (existsSync(cached) && sha256Hex(readFileSync(cached)) === plugin.sha256)
    return { kind: PluginSourceKind.File, location: cached, sha256: plugin.sha256 };
  const bytes = await fetcher(plugin.source).catch((e: unknown) => {
    throw new ConfigError([
      describeProblem(
        { plugin: { source: plugin.source } },
        ["plugin", "source"],
        `could not be downloaded (${e instanceof Error ? e.message : String(e)}); download the zip yourself and set plugin.source to the file`,
      ),
    ]);
  });
  verifySha256(bytes, plugin.sha256, plugin.source);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, bytes);
  return { kind: PluginSourceKind.File, location: cached, sha256: plugin.sha256 };
}

/**
 * What kind of archive the plugin key names: MSK Connect's custom plugin `contentType` (JAR or ZIP, MSK Connect
 * API Reference, CustomPlugin) and the object's registered media type.
 */
export function pluginArchive(key: string): { pluginContentType: "JAR" | "ZIP"; mediaType: string } {
  return key.endsWith(".jar")
    ? { pluginContentType: "JAR", mediaType: "application/java-archive" }
    : { pluginContentType: "ZIP", mediaType: "application/zip" };
}

/** An unversioned bucket reports no version (or the literal "null"); MSK Connect then reads the latest object. */
export function pinnedVersion(versionId: string): string | undefined {
  return versionId === "" || versionId === "null" ? undefined : versionId;
}

/**
 * What identifies the zip's content: its SHA-256 when the program has the bytes, else the uploaded
 * object's ETag (it changes with every new upload). It goes into the custom plugin's description, a
 * replace-forcing input: a custom plugin has no update API, so new content must make a new plugin.
 */
export function pluginContentId(sha256: string | undefined, etag: string): string {
  return sha256 ? `sha256:${sha256}` : `etag:${etag}`;
}

/** The custom plugin's description: the zip's key and content id. */
export function pluginDescription(key: string, contentId: string): string {
  return `${key} ${contentId}`;
}

/** Why an object written to a versioned bucket came back without a version id, and how to recover. */
export function unpinnedMessage(key: string, objectUrn: string): string {
  return (
    `${key} was written without a version id although the bucket is versioned, so the custom plugin ` +
    `could not be pinned to it (S3 applies newly enabled versioning with a delay). Upload it again: ` +
    `npm run pulumi -- up --stack ${objectUrn.split(":")[2]} --replace '${objectUrn}'`
  );
}
