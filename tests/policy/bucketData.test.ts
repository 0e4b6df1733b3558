import { expect } from "chai";
import { bucketKeepsCurrentData, bucketNoForceDestroy, bucketTlsOnly } from "../../policy/bucketData";
import { BUCKET_ARN, bucketProps, T, tlsPolicy } from "./fixtures";
import { checkResource } from "./harness";

const ok = { violations: [] };

describe("policy: sink bucket TLS, force-destroy and lifecycle", () => {
  it("sink-bucket-tls-only: the program's deny-insecure-transport policy passes; an allow-only or unscoped policy is reported", async () => {
    expect(
      await checkResource(bucketTlsOnly, {
        type: T.bucketPolicy,
        props: { bucket: "b", policy: tlsPolicy() },
      }),
    ).to.deep.equal(ok);
    const objectsOnly = JSON.parse(tlsPolicy()) as { Statement: { Resource: unknown }[] };
    objectsOnly.Statement[0].Resource = `${BUCKET_ARN}/*`;
    const missing =
      'no statement denies non-TLS requests: add Effect "Deny", Principal "*", Action "s3:*", Resource [bucket ARN, bucket ARN/*], Condition Bool aws:SecureTransport "false"';
    expect(
      (
        await checkResource(bucketTlsOnly, {
          type: T.bucketPolicy,
          props: { bucket: "b", policy: objectsOnly },
        })
      ).violations,
    ).to.deep.equal([missing]);
    const unconditional = JSON.parse(tlsPolicy()) as { Statement: { Condition?: unknown }[] };
    delete unconditional.Statement[0].Condition;
    expect(
      (
        await checkResource(bucketTlsOnly, {
          type: T.bucketPolicy,
          props: { bucket: "b", policy: unconditional },
        })
      ).violations,
    ).to.deep.equal([missing]);
    const allow = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "s3:GetObject",
          Resource: `${BUCKET_ARN}/*`,
        },
      ],
    };
    expect(
      (
        await checkResource(bucketTlsOnly, {
          type: T.bucketPolicy,
          props: { bucket: "b", policy: JSON.stringify(allow) },
        })
      ).violations,
    ).to.deep.equal([missing]);
    expect(
      (
        await checkResource(bucketTlsOnly, {
          type: T.bucketPolicy,
          props: { bucket: "b", policy: "{not json" },
        })
      ).violations,
    ).to.deep.equal(["policy is not a JSON policy document with a Statement"]);
  });

  it("sink-bucket-no-force-destroy: allowed in dev (stack name or environment config), reported elsewhere", async () => {
    const forced = { ...bucketProps(), forceDestroy: true };
    expect(
      await checkResource(bucketNoForceDestroy, { type: T.bucket, props: forced, stack: "dev" }),
    ).to.deep.equal(ok);
    expect(
      await checkResource(bucketNoForceDestroy, {
        type: T.bucket,
        props: forced,
        stack: "sandbox",
        config: { environment: "dev" },
      }),
    ).to.deep.equal(ok);
    expect(
      await checkResource(bucketNoForceDestroy, { type: T.bucket, props: bucketProps(), stack: "prod" }),
    ).to.deep.equal(ok);
    expect(
      (await checkResource(bucketNoForceDestroy, { type: T.bucket, props: forced, stack: "prod" }))
        .violations,
    ).to.deep.equal([
      'forceDestroy is true in environment "prod": destroy would delete every sink object; only dev may set it',
    ]);
    expect(
      (
        await checkResource(bucketNoForceDestroy, {
          type: T.bucket,
          props: forced,
          stack: "dev",
          config: { environment: "staging" },
        })
      ).violations,
    ).to.deep.equal([
      'forceDestroy is true in environment "staging": destroy would delete every sink object; only dev may set it',
    ]);
  });

  it("sink-bucket-keeps-current-data: noncurrent-version and upload cleanup pass; expiring current objects is reported", async () => {
    const lc = (rules: object[]) => ({ type: T.lifecycle, props: { bucket: "b", rules } });
    const programs = [
      {
        id: "abort-incomplete-multipart-uploads",
        status: "Enabled",
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
      {
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
      { id: "delete-markers", status: "Enabled", expiration: { expiredObjectDeleteMarker: true } },
      { id: "disabled", status: "Disabled", expiration: { days: 1 } },
    ];
    expect(await checkResource(bucketKeepsCurrentData, lc(programs))).to.deep.equal(ok);
    expect(
      (
        await checkResource(
          bucketKeepsCurrentData,
          lc([{ id: "purge", status: "Enabled", expiration: { days: 30 } }]),
        )
      ).violations,
    ).to.deep.equal([
      'rule "purge" expires current objects (expiration days=30): expire only noncurrent versions',
    ]);
    const inline = {
      ...bucketProps(),
      lifecycleRules: [{ id: "old", enabled: true, expiration: { date: "2030-01-01" } }],
    };
    expect(
      (await checkResource(bucketKeepsCurrentData, { type: T.bucket, props: inline })).violations,
    ).to.deep.equal([
      'lifecycleRules "old" expires current objects (expiration date=2030-01-01): expire only noncurrent versions',
    ]);
  });
});
