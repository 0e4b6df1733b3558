import { expect } from "chai";
import { bucketCompanions } from "../../policy/bucketStack";
import { BUCKET, bucketProps, T, tlsPolicy } from "./fixtures";
import { checkStack, StackFixture, stackResources } from "./harness";

const ON_BUCKET = { dependencies: ["sink"], propertyDependencies: { bucket: ["sink"] } };

/** The program's hardened bucket: each companion's `bucket` input comes from the bucket resource. */
function hardened(): StackFixture[] {
  return [
    { type: T.bucket, name: "sink", props: bucketProps() },
    { type: T.sse, name: "sink-encryption", props: { bucket: "sink-id", rules: [] }, ...ON_BUCKET },
    { type: T.versioning, name: "sink-versioning", props: { bucket: "sink-id" }, ...ON_BUCKET },
    { type: T.publicAccess, name: "sink-public-access", props: { bucket: "sink-id" }, ...ON_BUCKET },
    { type: T.ownership, name: "sink-ownership", props: { bucket: "sink-id" }, ...ON_BUCKET },
    {
      type: T.bucketPolicy,
      name: "sink-tls-only",
      props: { bucket: "sink-id", policy: tlsPolicy() },
      ...ON_BUCKET,
    },
  ];
}

describe("policy: sink-bucket-companions (stack)", () => {
  it("passes when every companion's bucket input depends on the bucket", async () => {
    expect(await checkStack(bucketCompanions, stackResources(hardened()))).to.deep.equal({ violations: [] });
  });

  it("passes when companions name the bucket by value (after apply, no property dependencies)", async () => {
    const byName = hardened().map((f) =>
      f.name === "sink"
        ? f
        : { ...f, props: { ...f.props, bucket: BUCKET }, dependencies: [], propertyDependencies: undefined },
    );
    expect(await checkStack(bucketCompanions, stackResources(byName))).to.deep.equal({ violations: [] });
  });

  it("reports a bucket whose versioning is missing and whose policy configures another bucket", async () => {
    const broken = hardened()
      .filter((f) => f.type !== T.versioning)
      .map((f) =>
        f.type === T.bucketPolicy
          ? { ...f, props: { bucket: "someone-else" }, dependencies: [], propertyDependencies: {} }
          : f,
      );
    expect((await checkStack(bucketCompanions, stackResources(broken))).violations).to.deep.equal([
      "bucket sink lacks versioning (BucketVersioning), TLS-only bucket policy (BucketPolicy)",
    ]);
  });

  it("is not applicable to a stack that adopts its bucket", async () => {
    const outcome = await checkStack(
      bucketCompanions,
      stackResources([{ type: T.connector, name: "c", props: {} }]),
    );
    expect(outcome).to.deep.equal({
      violations: [],
      notApplicable: "the stack creates no S3 bucket (an adopted bucket is looked up, never changed)",
    });
  });
});
