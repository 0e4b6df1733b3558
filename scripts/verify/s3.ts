/** The S3 half of verify, with the AWS SDK: the bucket check, bounded listings, and this run's records in objects. */
import {
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  ListObjectsV2CommandOutput,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { gunzipSync } from "node:zlib";
import { Listing, startOffsetOf } from "../../lib/ops/objectKeys";
import { isRunLine } from "../../lib/ops/produce";
import { VerifyError } from "../../lib/ops/stackOutputs";

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

/**
 * One S3 call; any service error becomes one line naming the bucket, the cause and the fix. S3 answers a
 * HEAD with a status and no body (so the SDK names the error after the status), a request to the wrong
 * region with 301 and `x-amz-bucket-region` (Amazon S3 API Reference, HeadBucket; "Making requests").
 */
async function call<T>(bucket: string, region: string, what: string, send: () => Promise<T>) {
  try {
    return await send();
  } catch (e) {
    if (!(e instanceof S3ServiceException)) throw e;
    const status = e.$metadata.httpStatusCode;
    const at = `s3://${bucket}`;
    const said = `${what}: HTTP ${status} ${e.name}`;
    const home = (e.$response?.headers ?? {})["x-amz-bucket-region"];
    if (status === 301 || e.name === "PermanentRedirect")
      throw new VerifyError(
        `${at} is in region ${home ?? "(not said)"}, not ${region} (${said}): set aws:region for the stack to the bucket's region`,
      );
    if (status === 404 || e.name === "NoSuchBucket")
      throw new VerifyError(
        `${at} does not exist in ${region} (${said}): check bucket.name, or run \`npm run up\` to create it`,
      );
    if (status === 403 || e.name === "AccessDenied")
      throw new VerifyError(
        `access denied to ${at} (${said}): the credentials verify runs with need s3:ListBucket on the bucket and s3:GetObject on its objects`,
      );
    throw new VerifyError(`${said} on ${at}: ${e.message}`);
  }
}

/** Before anything is produced: the bucket exists in the stack's region and each topic's prefix can be listed. */
export async function checkBucket(s3: S3Client, bucket: string, region: string, prefixes: readonly string[]) {
  const head = await call(bucket, region, "HeadBucket", () =>
    s3.send(new HeadBucketCommand({ Bucket: bucket })),
  );
  // A 200 from an endpoint that serves every region still names the bucket's own region.
  if (head.BucketRegion && head.BucketRegion !== region)
    throw new VerifyError(
      `s3://${bucket} is in region ${head.BucketRegion}, not ${region}: set aws:region for the stack to the bucket's region`,
    );
  for (const prefix of prefixes)
    await call(bucket, region, `ListObjectsV2 ${prefix}`, () =>
      s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 })),
    );
}

/** Lists one page; `call` turns errors into one line. */
export const listPage = (
  s3: S3Client,
  bucket: string,
  region: string,
  input: {
    Prefix: string;
    StartAfter?: string;
    MaxKeys?: number;
    Delimiter?: string;
    ContinuationToken?: string;
  },
): Promise<ListObjectsV2CommandOutput> =>
  call(bucket, region, `ListObjectsV2 ${input.Prefix}`, () =>
    s3.send(new ListObjectsV2Command({ Bucket: bucket, ...input })),
  );

/** The keys of one listing, in start-offset order, stopping past its last offset. */
export function listKeys(s3: S3Client, bucket: string, region: string, l: Listing): Promise<string[]> {
  return call(bucket, region, `ListObjectsV2 ${l.prefix}`, async () => {
    const keys: string[] = [];
    const input = { Bucket: bucket, Prefix: l.prefix, StartAfter: l.startAfter };
    for await (const page of paginateListObjectsV2({ client: s3 }, input))
      for (const o of page.Contents ?? []) {
        const start = startOffsetOf(o.Key ?? "", l.prefix);
        if (start === undefined) continue;
        if (start > l.lastOffset) return keys;
        keys.push(o.Key!);
      }
    return keys;
  });
}

/** This run's records in one JSON object (gunzipped when the key ends in .gz). */
export async function runRecordsIn(s3: S3Client, bucket: string, region: string, key: string, run: number) {
  const o = await call(bucket, region, `GetObject ${key}`, () =>
    s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
  );
  const bytes = Buffer.from(await o.Body!.transformToByteArray());
  const text = (key.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  return text.split("\n").filter((line) => isRunLine(line, run)).length;
}
