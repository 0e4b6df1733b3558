/**
 * The operations side of the tests' own two worlds on the mock runtime (COMPANY as prod, the
 * walkthrough as dev), so a user's edit of a committed stack file cannot break them. Every
 * expectation is derived from the world's settings through the same pure rules.
 */
import { expect } from "chai";
import { ResourceMode } from "../../lib/config/enums";
import { Settings } from "../../lib/config/settings";
import { connectorProperties, sinkTargetOf, topicPrefixes } from "../../lib/connector/properties";
import { workerLogGroupName } from "../../lib/connector/worker";
import { alarmSpecs } from "../../lib/ops/alarms";
import { emailSubscriptionStatus } from "../../lib/ops/notifications";
import {
  connectorConsoleUrl,
  dashboardConsoleUrl,
  logGroupConsoleUrl,
  s3ListCommand,
  s3PrefixConsoleUrl,
} from "../../lib/ops/console";
import { dashboardBody, dashboardName } from "../../lib/ops/dashboard";
import { pipelineHealth } from "../../lib/ops/pipeline";
import { verifyTarget } from "../../lib/ops/verifyTarget";
import { IAM_BROKERS, SSH_KEY } from "../support/fixtures";
import { Registered } from "../support/pulumiMocks";
import { one, ProgramRun, runProgram, waitsFor } from "../support/stack";
import { invokesFor, settingsOf } from "../support/stackChecks";
import { COMPANY, WALKTHROUGH } from "../support/worlds";

const KEY = "msk-s3-sink:sshPrivateKey";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const WORLDS: Record<"dev" | "prod", Record<string, string>> = { dev: WALKTHROUGH, prod: COMPANY };

/** A world's config, settings and effective connector properties. */
function stackOf(stack: "dev" | "prod", extra: Record<string, string> = {}) {
  // The SSH key is set as a secret, as a user would; stacks with MSK API topics ignore it.
  const config = { ...WORLDS[stack], [KEY]: SSH_KEY, ...extra };
  const s = settingsOf(stack, { config, secretKeys: [KEY] });
  const properties = connectorProperties(sinkTargetOf(s));
  return { config, s, properties };
}

async function run(stack: "dev" | "prod", extra: Record<string, string> = {}) {
  const st = stackOf(stack, extra);
  const r = await runProgram(stack, st.config, invokesFor(st.s), [KEY]);
  if (r.error) throw r.error;
  return { ...st, run: r };
}

/** The operations outputs a stack must export, from its settings and the connector ARN it got. */
function expectedOutputs(
  s: Settings,
  properties: Record<string, string>,
  r: ProgramRun,
  clientHost?: string,
) {
  const region = s.region;
  const arn = r.outputs!.connectorArn as string;
  const prefixes = topicPrefixes(s.bucket.name, properties, s.topics.names);
  return {
    consoleUrls: {
      connector: connectorConsoleUrl(region, arn),
      ...(s.dashboard.enabled
        ? { dashboard: dashboardConsoleUrl(region, dashboardName(s.connector.name)) }
        : {}),
      ...(s.logs.enabled
        ? { workerLogs: logGroupConsoleUrl(region, workerLogGroupName(s.connector.name)) }
        : {}),
      topicPrefixes: Object.fromEntries(
        Object.entries(prefixes).map(([t, u]) => [
          t,
          s3PrefixConsoleUrl(region, s.bucket.name, u.slice(`s3://${s.bucket.name}/`.length)),
        ]),
      ),
    },
    s3ListCommands: Object.fromEntries(
      Object.entries(prefixes).map(([t, u]) => [t, s3ListCommand(region, u)]),
    ),
    verifyTarget: verifyTarget(s, properties, IAM_BROKERS, clientHost, arn),
  };
}

const alarmsOf = (r: ProgramRun) => r.resources.filter((x) => x.type === ALARM);

describe("stack prod: alarms, dashboard and operations outputs (the company world)", () => {
  let prod: Awaited<ReturnType<typeof run>>;
  before(async () => {
    prod = await run("prod");
  });

  it("alarms are on: one silent MetricAlarm per spec of the stack's health targets; one composite over exactly those notifies the topic", () => {
    // The component registers a spec's inputs as they are (tests/unit/opsComponents.test.ts).
    const { s, properties, run: r } = prod;
    expect(s.alarms.enabled).to.equal(true);
    const names = alarmsOf(r).map((a) => a.inputs.name as string);
    expect(names).to.deep.equal(alarmSpecs(pipelineHealth(s, properties)).map((a) => a.alarmName));
    for (const a of alarmsOf(r)) expect(Object.keys(a.inputs), a.name).to.not.include("alarmActions");
    const composite = one(r.resources, COMPOSITE, `${s.userId}-alarms-pipeline`).inputs;
    const topicArn = r.outputs!.alarmTopicArn as string;
    expect([composite.alarmActions, composite.okActions]).to.deep.equal([[topicArn], [topicArn]]);
    const watched = [...(composite.alarmRule as string).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(watched).to.deep.equal(names);
  });

  it("the replace command in the descriptions names the connector the stack registered", () => {
    const { s, properties, run: r } = prod;
    const urn = one(r.resources, "aws:mskconnect/connector:Connector").urn;
    expect(pipelineHealth(s, properties).checks.connectorUrn).to.equal(urn);
    expect(one(r.resources, ALARM, `${s.userId}-alarms-errored-tasks`).inputs.alarmDescription).to.include(
      `npm run pulumi -- up --stack prod --replace '${urn}'`,
    );
  });

  it("the lag alarms watch the stack's cluster, the connector's consumer group and each of its topics", () => {
    const { s, run: r } = prod;
    const lag = alarmsOf(r).filter((a) => a.inputs.namespace === "AWS/Kafka");
    expect(lag.map((a) => a.inputs.dimensions)).to.deep.equal(
      s.topics.names.map((topic) => ({
        "Cluster Name": s.cluster.name,
        "Consumer Group": `connect-${s.connector.name}`,
        Topic: topic,
      })),
    );
  });

  it("notifications go to a created SNS topic with the e-mail subscribed; the alarms wait for the connector", () => {
    const { s, run: r } = prod;
    const topic = one(r.resources, "aws:sns/topic:Topic");
    expect(topic.inputs).to.deep.equal({
      name: s.alarms.topic.mode === ResourceMode.Create ? s.alarms.topic.name : "",
    });
    expect(one(r.resources, "aws:sns/topicSubscription:TopicSubscription").inputs).to.deep.equal({
      topic: r.outputs!.alarmTopicArn,
      protocol: "email",
      endpoint: s.alarms.email,
    });
    expect(one(r.resources, "aws:sns/topicPolicy:TopicPolicy").inputs.arn).to.equal(r.outputs!.alarmTopicArn);
    const connectorUrn = one(r.resources, "aws:mskconnect/connector:Connector").urn;
    for (const a of alarmsOf(r)) expect(waitsFor(r.resources, a), a.name).to.include(connectorUrn);
  });

  it("the dashboard: named after the connector, its body from the stack's settings and connector ARN", () => {
    const { s, properties, run: r } = prod;
    const d = one(r.resources, "aws:cloudwatch/dashboard:Dashboard");
    const prefixes = topicPrefixes(s.bucket.name, properties, s.topics.names);
    expect(d.inputs).to.deep.equal({
      dashboardName: dashboardName(s.connector.name),
      dashboardBody: dashboardBody({
        region: s.region,
        connectorArn: r.outputs!.connectorArn as string,
        bucket: s.bucket.name,
        keyPrefixes: Object.fromEntries(
          Object.entries(prefixes).map(([t, u]) => [t, u.slice(`s3://${s.bucket.name}/`.length)]),
        ),
        logGroupName: s.logs.enabled ? workerLogGroupName(s.connector.name) : undefined,
        // The composite first, then the metric alarms in spec order.
        alarmArns: [
          one(r.resources, COMPOSITE),
          ...alarmSpecs(pipelineHealth(s, properties)).map((a) =>
            one(r.resources, ALARM, `${s.userId}-alarms-${a.key}`),
          ),
        ].map((a) => a.outputs.arn as string),
        health: pipelineHealth(s, properties),
      }),
    });
    expect(one(r.resources, "aws:cloudwatch/logMetricFilter:LogMetricFilter").inputs).to.deep.include({
      logGroupName: workerLogGroupName(s.connector.name),
      pattern: "ERROR",
    });
  });

  it("exports console links, aws s3 ls commands, the alarm topic, the e-mail's confirmation state and a verifyTarget without a client", () => {
    const { s, properties, run: r } = prod;
    const {
      bucketName: _b,
      topicPrefixes: _t,
      connectorArn: _c,
      pluginArn: _p,
      topicNames: _n,
      alarmTopicArn: _a,
      alarmEmail,
      ...ops
    } = r.outputs!;
    // The mock provider answers as AWS does for a new e-mail subscription: pending confirmation.
    expect(alarmEmail).to.equal(emailSubscriptionStatus(s.alarms.email!, true, "prod"));
    // The mock account gives created resources us-east-1 ARNs of this shape.
    const mock = (path: string) => `arn:aws:${path.replace(":", ":us-east-1:123456789012:")}`;
    expect(r.outputs).to.deep.include({
      bucketName: s.bucket.name,
      topicNames: s.topics.names,
      topicPrefixes: topicPrefixes(s.bucket.name, properties, s.topics.names),
      connectorArn: mock(`kafkaconnect:connector/${s.connector.name}/1`),
      pluginArn: mock(`kafkaconnect:custom-plugin/${s.plugin.name}/1`),
      alarmTopicArn: mock(`sns:${(s.alarms.topic as { name: string }).name}`),
    });
    expect(ops).to.deep.equal(expectedOutputs(s, properties, r));
  });

  it("with client.host set, verifyTarget names the client while topics stay on the MSK API", async () => {
    const host = JSON.stringify({ host: "198.51.100.20" });
    const withClient = await run("prod", { "msk-s3-sink:client": host });
    expect((withClient.run.outputs!.verifyTarget as { client?: { host: string } }).client?.host).to.equal(
      "198.51.100.20",
    );
    expect(withClient.run.resources.filter((x) => x.type === "command:remote:Command")).to.deep.equal([]);
  });
});

describe("stack dev: no alarms or dashboard unless opted in (the walkthrough world)", () => {
  it("registers no alarm, topic or dashboard, and exports console links and a verifyTarget with its EC2 client", async () => {
    const { s, properties, run: r } = await run("dev");
    const ops = (x: Registered) => /^aws:(cloudwatch\/(metricAlarm|dashboard)|sns)/.test(x.type);
    expect(r.resources.filter(ops)).to.deep.equal([]);
    const {
      bucketName: _b,
      topicPrefixes: _t,
      connectorArn: _c,
      pluginArn: _p,
      topicNames: _n,
      unmanagedTopicConfigs: _u,
      ...rest
    } = r.outputs!;
    expect(rest).to.deep.equal(expectedOutputs(s, properties, r, s.client.host));
  });

  it("with alarms and the dashboard turned on, registers both", async () => {
    const { s, run: r } = await run("dev", {
      "msk-s3-sink:alarms": JSON.stringify({ enabled: true, email: "ops@example.com" }),
      "msk-s3-sink:dashboard": JSON.stringify({ enabled: true }),
    });
    expect(alarmsOf(r)).to.have.length(1 + s.topics.names.length);
    expect(r.resources.filter((x) => x.type === COMPOSITE)).to.have.length(1);
    expect(one(r.resources, "aws:sns/topicSubscription:TopicSubscription").inputs.endpoint).to.equal(
      "ops@example.com",
    );
    expect(one(r.resources, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardName).to.equal(
      dashboardName(s.connector.name),
    );
  });
});
