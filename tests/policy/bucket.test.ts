import { expect } from "chai";
import {
  bucketAclsDisabled,
  bucketEncryption,
  bucketPublicAccess,
  bucketVersioning,
} from "../../policy/bucket";
import { bucketProps, T } from "./fixtures";
import { checkResource } from "./harness";

const ok = { violations: [] };

describe("policy: sink bucket encryption, versioning, public access and ACLs", () => {
  it("sink-bucket-encryption: AES256 or aws:kms passes; none, or another algorithm, is reported", async () => {
    const rules = (sseAlgorithm?: string) => ({
      bucket: "b",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }],
    });
    expect(await checkResource(bucketEncryption, { type: T.sse, props: rules("AES256") })).to.deep.equal(ok);
    expect(await checkResource(bucketEncryption, { type: T.sse, props: rules("aws:kms") })).to.deep.equal(ok);
    expect(
      (await checkResource(bucketEncryption, { type: T.sse, props: rules("DES") })).violations,
    ).to.deep.equal(['sseAlgorithm "DES": must be one of AES256, aws:kms, aws:kms:dsse']);
    expect(
      (await checkResource(bucketEncryption, { type: T.sse, props: { bucket: "b", rules: [] } })).violations,
    ).to.deep.equal(["no encryption rule: set applyServerSideEncryptionByDefault (AES256 or aws:kms)"]);
  });

  it("sink-bucket-versioning: Enabled passes; Suspended is reported", async () => {
    const v = (status: string) => ({
      type: T.versioning,
      props: { bucket: "b", versioningConfiguration: { status } },
    });
    expect(await checkResource(bucketVersioning, v("Enabled"))).to.deep.equal(ok);
    expect((await checkResource(bucketVersioning, v("Suspended"))).violations).to.deep.equal([
      'versioningConfiguration.status is "Suspended": must be "Enabled" (recoverable objects, pinned plugin versions)',
    ]);
  });

  it("sink-bucket-public-access-block: all four true passes; each false or missing flag is named", async () => {
    const all = {
      bucket: "b",
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    };
    expect(await checkResource(bucketPublicAccess, { type: T.publicAccess, props: all })).to.deep.equal(ok);
    const weak = { ...all, blockPublicPolicy: false, restrictPublicBuckets: undefined };
    expect(
      (await checkResource(bucketPublicAccess, { type: T.publicAccess, props: weak })).violations,
    ).to.deep.equal([
      "blockPublicPolicy, restrictPublicBuckets must be true: the sink bucket must never become public",
    ]);
  });

  it("sink-bucket-acls-disabled: BucketOwnerEnforced passes; ObjectWriter, a public acl or grants are reported", async () => {
    const own = (objectOwnership: string) => ({
      type: T.ownership,
      props: { bucket: "b", rule: { objectOwnership } },
    });
    expect(await checkResource(bucketAclsDisabled, own("BucketOwnerEnforced"))).to.deep.equal(ok);
    expect(await checkResource(bucketAclsDisabled, { type: T.bucket, props: bucketProps() })).to.deep.equal(
      ok,
    );
    expect((await checkResource(bucketAclsDisabled, own("ObjectWriter"))).violations).to.deep.equal([
      'rule.objectOwnership is "ObjectWriter": must be "BucketOwnerEnforced" (ACLs disabled)',
    ]);
    const acl = { ...bucketProps(), acl: "public-read", grants: [{ type: "Group", permissions: ["READ"] }] };
    expect(
      (await checkResource(bucketAclsDisabled, { type: T.bucket, props: acl })).violations,
    ).to.deep.equal([
      'acl is "public-read": ACLs are disabled on the sink bucket; grant access by policy',
      "grants are set: ACLs are disabled on the sink bucket; grant access by policy",
    ]);
  });

  it("bucket rules do not apply to other resource types", async () => {
    const outcome = await checkResource(bucketVersioning, { type: T.connector, props: {} });
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.notApplicable).to.be.a("string");
  });
});
