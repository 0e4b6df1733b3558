/** The S3 half of verify: list what the connector wrote under a topic's prefix since the start, with the AWS SDK. */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { gunzipSync } from "node:zlib";
import { VerifyError } from "../../lib/ops/stackOutputs";

/** One connector object newer than the start. */
export interface FoundObject {
  key: string;
  lastModified: Date;
}

/** Fails fast and clearly when the SDK's default chain finds no credentials. */
export async function requireCredentials(client: S3Client): Promise<void> {
  try {
    await client.config.credentials();
  } catch (e) {
    throw new VerifyError(
      `no AWS credentials: ${(e as Error).message.split("\n")[0]} (use aws configure, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for the stack's account)`,
    );
  }
}

/** Keys under `prefix` that `matches` accepts and S3 modified at or after `since`. */
export async function objectsSince(
  client: S3Client,
  bucket: string,
  prefix: string,
  since: Date,
  matches: (key: string) => boolean,
): Promise<FoundObject[]> {
  const found: FoundObject[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? [])
      if (o.Key && o.LastModified && o.LastModified >= since && matches(o.Key))
        found.push({ key: o.Key, lastModified: o.LastModified });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found.sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime());
}

/** Counts the lines of one run in a JSON object (gzip when the key ends in .gz). */
export async function runRecordsIn(
  client: S3Client,
  bucket: string,
  key: string,
  run: string,
): Promise<number> {
  const o = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = Buffer.from(await o.Body!.transformToByteArray());
  const text = (key.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  return text.split("\n").filter((l) => l.includes(`"run":"${run}"`)).length;
}
