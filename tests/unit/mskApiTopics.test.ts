import { expect } from "chai";
import { liveTopicFindings, MSK_TOPIC_IGNORED_INPUTS, MSK_TOPIC_TYPE } from "../../lib/kafka/liveTopics";
import { REPLACE_FORCING } from "../../lib/provider/replaceForcing";

describe("MSK API topics: replace-forcing inputs", () => {
  it("the provider list cites topic.go's three (cluster_arn, name, replication_factor) and the provider-wide region", () => {
    expect(REPLACE_FORCING[MSK_TOPIC_TYPE]).to.have.members([
      "clusterArn",
      "name",
      "replicationFactor",
      "region",
    ]);
  });

  it("every replace-forcing input is the topic's identity or ignored (checked live instead)", () => {
    expect(MSK_TOPIC_IGNORED_INPUTS).to.deep.equal(["replicationFactor"]);
    const covered = new Set(["name", "clusterArn", "region", ...MSK_TOPIC_IGNORED_INPUTS]);
    expect(REPLACE_FORCING[MSK_TOPIC_TYPE].filter((i) => !covered.has(i))).to.deep.equal([]);
  });
});

describe("MSK API topics: live check (pure)", () => {
  const wanted = { partitions: 3, replicationFactor: 3 };

  it("a topic on the cluster with another replication factor, or more partitions, is a finding with what to do", () => {
    const live = new Map([
      ["a.pin", { partitionCount: 3, replicationFactor: 2 }],
      ["a.geo", { partitionCount: 6, replicationFactor: 3 }],
      ["a.user", { partitionCount: 1, replicationFactor: 3 }],
    ]);
    expect(liveTopicFindings(wanted, live)).to.deep.equal([
      [
        ["topics", "replicationFactor"],
        "topic a.pin has replication factor 2 on the cluster, and the MSK API cannot change it (aws.msk.Topic would be replaced, and Kafka refuses a new topic while the old one of that name exists). Keep 2, or reassign the replicas by hand with kafka-reassign-partitions.sh and then set 3",
      ],
      [
        ["topics", "partitions"],
        "topic a.geo has 6 partitions on the cluster; Kafka cannot decrease them, so keep 6 or more",
      ],
    ]);
  });
});
