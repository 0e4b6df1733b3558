import { expect } from "chai";
import { ConfigError } from "../../lib/config/errors";
import { bucketNameProblem, resourceNameProblem, topicNameProblem } from "../../lib/config/names";
import { shellQuote } from "../../lib/kafka/shell";
import { rawStackConfig } from "../../lib/config/stackConfig";
import { propertiesFile, workerConfigurationName, workerLogGroupName } from "../../lib/connector/worker";

describe("name rules", () => {
  it("accept the walkthrough's names", () => {
    expect(topicNameProblem("0a1b2c3d4e5f.pin")).to.equal(undefined);
    expect(topicNameProblem("t".repeat(249))).to.equal(undefined);
    expect(bucketNameProblem("user-0a1b2c3d4e5f-bucket")).to.equal(undefined);
    expect(resourceNameProblem("0a1b2c3d4e5f-connector")).to.equal(undefined);
  });
  it("refuse the edges", () => {
    expect(topicNameProblem("")).to.equal("a topic name has 1 to 249 characters");
    expect(bucketNameProblem("-abc")).to.equal(
      "a bucket name uses only a-z, 0-9, '.' and '-', and starts and ends with a letter or digit",
    );
    expect(bucketNameProblem("b".repeat(64))).to.equal("a bucket name has 3 to 63 characters");
    expect(resourceNameProblem("-x")).to.match(/^a name has 1 to 64 characters/);
  });
});

describe("shellQuote", () => {
  it("makes one inert word", () => {
    expect(shellQuote("a b")).to.equal("'a b'");
    expect(shellQuote("it's $(id)")).to.equal("'it'\\''s $(id)'");
  });
});

describe("worker configuration", () => {
  it("writes a properties file in order", () => {
    expect(propertiesFile({ "key.converter": "K", "value.converter": "V" })).to.equal(
      "key.converter=K\nvalue.converter=V\n",
    );
  });
  it("names carry a content hash, so a change makes a new one", () => {
    const a = workerConfigurationName("u1-worker", "a=1\n");
    expect(a).to.match(/^u1-worker-[0-9a-f]{8}$/);
    expect(workerConfigurationName("u1-worker", "a=1\n")).to.equal(a);
    expect(workerConfigurationName("u1-worker", "a=2\n")).to.not.equal(a);
  });
  it("log group per connector", () => {
    expect(workerLogGroupName("u1-connector")).to.equal("/aws/mskconnect/u1-connector");
  });
});

describe("rawStackConfig", () => {
  it("keeps strings, parses maps, reads aws:region, ignores other namespaces", () => {
    expect(
      rawStackConfig(
        {
          "aws:region": "us-east-1",
          "msk-s3-sink:userId": "u1",
          "msk-s3-sink:topics": '{"partitions":3}',
          "other:key": "x",
        },
        () => false,
        "dev",
      ),
    ).to.deep.equal({ raw: { userId: "u1", topics: { partitions: 3 } }, region: "us-east-1" });
  });
  it("names a map key that is not JSON and a missing region", () => {
    try {
      rawStackConfig({ "msk-s3-sink:topics": "three" }, () => false, "dev");
      expect.fail("accepted");
    } catch (e) {
      expect((e as ConfigError).problems).to.deep.equal([
        'msk-s3-sink:topics = "three": must be a map (YAML mapping or JSON object)',
        "aws:region: is required (npm run pulumi -- config set aws:region us-east-1 --stack dev)",
      ]);
    }
  });

  it("refuses an SSH key stored in clear text, with the commands that fix it; an encrypted one passes", () => {
    const all = {
      "aws:region": "us-east-1",
      "msk-s3-sink:sshPrivateKey": "-----BEGIN OPENSSH PRIVATE KEY-----",
    };
    try {
      rawStackConfig(all, () => false, "staging");
      expect.fail("accepted");
    } catch (e) {
      expect((e as ConfigError).problems).to.deep.equal([
        "msk-s3-sink:sshPrivateKey: is stored in clear text in Pulumi.staging.yaml; remove it and set it encrypted: " +
          "npm run pulumi -- config rm sshPrivateKey --stack staging && npm run pulumi -- config set --secret sshPrivateKey --stack staging < key.pem " +
          "(if the clear text was ever committed or pushed, replace the key pair)",
      ]);
      expect((e as Error).message).to.not.include("BEGIN");
    }
    const secret = (k: string) => k === "msk-s3-sink:sshPrivateKey";
    expect(rawStackConfig(all, secret, "staging").raw).to.have.property("sshPrivateKey");
  });
});

describe("rawStackConfig with unknown keys", () => {
  it("keeps an unknown key's map as written, so the message shows it as the stack file has it", () => {
    const { raw } = rawStackConfig(
      {
        "aws:region": "us-east-1",
        "msk-s3-sink:bukket": '{"create":{"name":"x"}}',
        "msk-s3-sink:other": "{x",
      },
      () => false,
      "dev",
    );
    expect(raw).to.deep.equal({ bukket: { create: { name: "x" } }, other: "{x" });
  });
});
