import { expect } from "chai";
import {
  connectorNullValues,
  connectorS3Region,
  connectorStableName,
  connectorTopicSelection,
} from "../../policy/connectorConfig";
import { connector, connectorProps } from "./fixtures";
import { checkResource } from "./harness";

const ok = { violations: [] };
const props = (patch: Record<string, unknown>) => ({ ...connectorProps(), ...patch });
const withConfig = (config: Record<string, string | undefined>) =>
  connector({ props: connectorProps(config) });

describe("policy: connector configuration, name and topic selection", () => {
  it("connector-s3-region: equal to the provider's region passes; another or unset s3.region is reported", async () => {
    expect(await checkResource(connectorS3Region, connector())).to.deep.equal(ok);
    expect(
      (await checkResource(connectorS3Region, withConfig({ "s3.region": "us-west-2" }))).violations,
    ).to.deep.equal(['s3.region is "us-west-2": must equal the stack\'s region "eu-west-1"']);
    expect(
      (await checkResource(connectorS3Region, withConfig({ "s3.region": undefined }))).violations,
    ).to.deep.equal(['s3.region is "us-west-2 (unset)": must equal the stack\'s region "eu-west-1"']);
    const noRegion = connector({ provider: undefined });
    expect((await checkResource(connectorS3Region, noRegion)).violations).to.deep.equal([
      "cannot tell the stack's region: set aws:region (or this policy's region config)",
    ]);
    expect(
      await checkResource(connectorS3Region, { ...noRegion, config: { region: "eu-west-1" } }),
    ).to.deep.equal(ok);
  });

  it("connector-null-values-explicit (advisory): set passes; unset is reported", async () => {
    expect(connectorNullValues.enforcementLevel).to.equal("advisory");
    expect(await checkResource(connectorNullValues, connector())).to.deep.equal(ok);
    expect(
      (await checkResource(connectorNullValues, withConfig({ "behavior.on.null.values": undefined })))
        .violations,
    ).to.deep.equal([
      'behavior.on.null.values is not set: the default "fail" stops the task at the first tombstone; set "ignore" (or "fail" on purpose)',
    ]);
  });

  it("connector-stable-name: a fixed name with deleteBeforeReplace passes; auto-named, unnamed or without the option is reported", async () => {
    expect(await checkResource(connectorStableName, connector())).to.deep.equal(ok);
    const auto = connector({ props: props({ name: "orders-connector-3f9a2c1" }) });
    expect((await checkResource(connectorStableName, auto)).violations).to.deep.equal([
      'name "orders-connector-3f9a2c1" is auto-generated: set a fixed name so the offsets\' consumer group survives replacement',
    ]);
    const unnamed = connector({ props: props({ name: undefined }), opts: {} });
    expect((await checkResource(connectorStableName, unnamed)).violations).to.deep.equal([
      "name is not set: an auto-generated name changes on replacement and with it the offsets' consumer group",
      "deleteBeforeReplace is not set: the replacement would collide with the old connector's name (unique per account and region)",
    ]);
  });

  it("connector-topic-selection: an escaped alternation or a list passes; catch-alls, open prefixes and internal topics are reported", async () => {
    expect(await checkResource(connectorTopicSelection, connector())).to.deep.equal(ok);
    expect(
      await checkResource(
        connectorTopicSelection,
        withConfig({ "topics.regex": undefined, topics: "orders.pin, orders.geo" }),
      ),
    ).to.deep.equal(ok);
    const cases: [Record<string, string | undefined>, string[]][] = [
      [
        { "topics.regex": ".*" },
        [
          'topics.regex=".*" matches any topic: list the sink topics instead',
          "topics.regex=\".*\" reads internal topics (__amazon_msk_connect_offsets_probe, __amazon_msk_connect_configs_probe, __amazon_msk_connect_status_probe, __consumer_offsets, __transaction_state): never sink Connect's or Kafka's own topics",
        ],
      ],
      [
        { "topics.regex": "orders.*" },
        [
          'topics.regex="orders.*" contains an open ".*": it matches topics beyond the sink topics; list them, dots escaped',
        ],
      ],
      [
        { "topics.regex": "__amazon_msk_connect_.*|orders\\.pin" },
        [
          'topics.regex="__amazon_msk_connect_.*|orders\\\\.pin" contains an open ".*": it matches topics beyond the sink topics; list them, dots escaped',
          "topics.regex=\"__amazon_msk_connect_.*|orders\\\\.pin\" reads internal topics (__amazon_msk_connect_offsets_probe, __amazon_msk_connect_configs_probe, __amazon_msk_connect_status_probe): never sink Connect's or Kafka's own topics",
        ],
      ],
      [
        { "topics.regex": undefined, topics: "orders.pin,__consumer_offsets" },
        [
          "topics=\"orders.pin,__consumer_offsets\" reads internal topics (__consumer_offsets): never sink Connect's or Kafka's own topics",
        ],
      ],
      [{ "topics.regex": undefined }, ["sets neither topics nor topics.regex: the connector reads nothing"]],
      [{ topics: "orders.pin" }, ["sets both topics and topics.regex: Kafka Connect rejects the pair"]],
      [
        { "topics.regex": "(orders" },
        ['topics.regex="(orders" cannot be evaluated: use an alternation of escaped names'],
      ],
    ];
    for (const [config, expected] of cases)
      expect(
        (await checkResource(connectorTopicSelection, withConfig(config))).violations,
        JSON.stringify(config),
      ).to.deep.equal(expected);
  });
});
