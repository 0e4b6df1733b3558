import { expect } from "chai";
import { ALL_POLICIES, BUCKET_POLICIES, ROLE_POLICIES } from "../../policy/policies";
import { awsInvokes, IAM_BROKERS, SECURITY_GROUPS, SUBNETS } from "../support/fixtures";
import { isWireSecret } from "../support/pulumiMocks";
import { committedStacks, one, ProgramRun, userStackFile } from "../support/stack";
import { invokesFor, settingsOf } from "../support/stackChecks";
import { COMPANY, devConfig } from "../support/worlds";
import { evaluate, Evaluation, lines } from "./evaluate";
import { policyView, runRecorded } from "./fromProgram";

const KEY = "msk-s3-sink:sshPrivateKey";
const PROD_CLUSTER = {
  arn: "arn:aws:kafka:eu-west-1:123456789012:cluster/orders-msk/7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d-3",
  clusterName: "orders-msk",
  kafkaVersion: "3.6.0",
  bootstrapBrokersSaslIam: IAM_BROKERS,
  bootstrapBrokersTls: "",
  brokerNodeGroupInfos: [{ clientSubnets: SUBNETS, securityGroups: SECURITY_GROUPS }],
};

/** Runs a world's configuration on the mock runtime and the whole pack over it. */
async function stackUnderPolicy(
  stack: "dev" | "prod",
  packConfig: Record<string, object> = {},
): Promise<{ run: ProgramRun; result: Evaluation }> {
  const config = stack === "dev" ? devConfig() : COMPANY;
  const invokes = awsInvokes(stack === "prod" ? { "aws:msk/getCluster:getCluster": PROD_CLUSTER } : {});
  const { run, extras } = await runRecorded(stack, config, invokes, stack === "dev" ? [KEY] : []);
  if (run.error) throw run.error;
  const result = await evaluate(policyView(run, extras, stack, config["aws:region"]), packConfig);
  return { run, result };
}

const mandatory = (r: Evaluation) => lines(r.findings.filter((f) => f.level === "mandatory"));
const advisory = (r: Evaluation) => lines(r.findings.filter((f) => f.level === "advisory"));

const DEV_BUCKET = "user-5f4e3d2c1b0a-bucket";

describe("policy pack on the walkthrough's world (adopted bucket and role)", () => {
  let dev: { run: ProgramRun; result: Evaluation };
  before(async () => {
    dev = await stackUnderPolicy("dev", { "connector-sink-bucket": { sinkBucket: DEV_BUCKET } });
  });

  it("has no mandatory violation", () => {
    expect(mandatory(dev.result)).to.deep.equal([]);
  });

  it("has exactly the advisory findings the walkthrough's configuration earns: no worker logs, default null handling, no alarms", () => {
    expect(advisory(dev.result)).to.deep.equal([
      "advisory connector-worker-logs-dev 5f4e3d2c1b0a-connector: worker log delivery is off: a failing task leaves no trace; enable logDelivery.workerLogDelivery (CloudWatch Logs, Firehose or S3)",
      'advisory connector-null-values-explicit 5f4e3d2c1b0a-connector: behavior.on.null.values is not set: the default "fail" stops the task at the first tombstone; set "ignore" (or "fail" on purpose)',
      ...[
        "errored tasks (AWS/KafkaConnect ErroredTaskCount, ConnectorName=5f4e3d2c1b0a-connector)",
        ...["pin", "geo", "user"].map(
          (t) =>
            `consumer time lag of 5f4e3d2c1b0a.${t} (AWS/Kafka EstimatedMaxTimeLag or MaxEstimatedTimeLag, Consumer Group=connect-5f4e3d2c1b0a-connector, Topic=5f4e3d2c1b0a.${t})`,
        ),
      ].map(
        (what) =>
          `advisory pipeline-alarms-dev: connector 5f4e3d2c1b0a-connector: no alarm on ${what} (set msk-s3-sink:alarms.enabled: true)`,
      ),
    ]);
  });

  it("bucket and role rules are not applicable: the bucket and role are adopted (looked up, not registered)", () => {
    const names = [...BUCKET_POLICIES, ...ROLE_POLICIES].map((p) => p.name);
    expect(names.filter((n) => dev.result.applied.has(n))).to.deep.equal([]);
    expect(dev.result.skipped.get("sink-bucket-companions")).to.equal(
      "the stack creates no S3 bucket (an adopted bucket is looked up, never changed)",
    );
    expect(
      dev.run.resources
        .map((r) => r.type)
        .filter((t) => t.startsWith("aws:s3/bucket:") || t.startsWith("aws:iam/")),
    ).to.deep.equal([]);
  });

  it("checks the connector, its topics and the topics command; the mandatory worker-logs rule yields to its dev variant", () => {
    for (const name of [
      "connector-tls-in-transit",
      "connector-iam-auth",
      "connector-s3-region",
      "connector-stable-name",
      "connector-topic-selection",
      "connector-declared-topics",
      "connector-sink-bucket",
      "topics-command-no-plain-key",
      "topics-command-no-logging",
      "topics-command-timeouts",
    ]) {
      expect(dev.result.applied.has(name), name).to.equal(true);
    }
    expect(dev.result.applied.has("connector-worker-logs")).to.equal(false);
  });

  it("checks the adopted bucket name only when the pack config names it", async () => {
    const bare = await stackUnderPolicy("dev");
    expect(bare.result.skipped.get("connector-sink-bucket")).to.equal(
      "the stack creates no bucket and this policy has no sinkBucket config",
    );
    const wrong = await stackUnderPolicy("dev", {
      "connector-sink-bucket": { sinkBucket: "someone-elses-bucket" },
    });
    expect(mandatory(wrong.result)).to.deep.equal([
      `mandatory connector-sink-bucket: connector 5f4e3d2c1b0a-connector: s3.bucket.name is "${DEV_BUCKET}": must be the sink bucket "someone-elses-bucket"`,
    ]);
  });

  it("the SSH key reaches the command only inside the secret connection (what CrossGuard cannot see, checked here)", () => {
    const cmd = one(dev.run.resources, "command:remote:Command");
    expect(isWireSecret(cmd.wire["connection"])).to.equal(true);
    const { connection: _connection, ...rest } = cmd.wire;
    expect(JSON.stringify(rest)).to.not.include("PRIVATE KEY");
  });
});

describe("policy pack on a company's world (created and hardened)", () => {
  let prod: { run: ProgramRun; result: Evaluation };
  before(async () => {
    prod = await stackUnderPolicy("prod");
  });

  it("has no mandatory and no advisory finding", () => {
    expect(lines(prod.result.findings)).to.deep.equal([]);
  });

  it("every rule applies except the dev-only variants and the SSH command rules (topics go through the MSK API)", () => {
    const notApplied = [...BUCKET_POLICIES, ...ROLE_POLICIES, ...ALL_POLICIES]
      .map((p) => p.name)
      .filter((n) => !prod.result.applied.has(n));
    expect([...new Set(notApplied)]).to.deep.equal([
      "connector-worker-logs-dev",
      "topics-command-no-plain-key",
      "topics-command-no-logging",
      "topics-command-timeouts",
      "pipeline-alarms-dev",
    ]);
  });
});

describe("policy pack on every committed stack file", () => {
  for (const stack of committedStacks()) {
    it(`${stack}: no mandatory violation (the adopted bucket checked by name)`, async () => {
      const file = userStackFile(stack);
      const s = settingsOf(stack, file);
      const { run, extras } = await runRecorded(stack, file.config, invokesFor(s), file.secretKeys);
      if (run.error) throw run.error;
      const result = await evaluate(policyView(run, extras, stack, s.region), {
        "connector-sink-bucket": { sinkBucket: s.bucket.name },
      });
      expect(mandatory(result)).to.deep.equal([]);
      expect(result.applied.has("connector-sink-bucket")).to.equal(true);
    });
  }
});
