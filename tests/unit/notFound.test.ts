/**
 * The provider's "there is none", lookup by lookup: each message is assembled from the format strings of
 * the terraform-provider-aws file lib/provider/notFound.ts cites, wrapped as the bridge wraps an invoke's
 * error ("invoking <token>: 1 error occurred:\n\t* …\n\n"); every other failure is not "none".
 */
import { expect } from "chai";
import { isNotFound, Lookup } from "../../lib/provider/notFound";

const invoking = (token: string, message: string) =>
  new Error(`invoking ${token}: 1 error occurred:\n\t* ${message}\n\n`);
const ACCESS_DENIED =
  "https response error StatusCode: 403, RequestID: 5d0c6a4e-2f1b-4c3d-9e8f-7a6b5c4d3e2f, api error AccessDeniedException: not authorized";

const CASES: Record<Lookup, { token: string; none: string[]; failed: string[] }> = {
  connector: {
    token: "aws:mskconnect/getConnector:getConnector",
    none: ["no matching MSK Connect Connector found"],
    failed: [
      `reading MSK Connect Connector: operation error KafkaConnect: ListConnectors, ${ACCESS_DENIED}`,
      "multiple MSK Connect Connectors matched; use additional constraints to reduce matches to a single MSK Connect Connector",
    ],
  },
  vpcEndpoint: {
    token: "aws:ec2/getVpcEndpoint:getVpcEndpoint",
    none: ["no matching EC2 VPC Endpoint found"],
    failed: [
      `reading EC2 VPC Endpoint: operation error EC2: DescribeVpcEndpoints, ${ACCESS_DENIED}`,
      "multiple EC2 VPC Endpoints matched; use additional constraints to reduce matches to a single EC2 VPC Endpoint",
    ],
  },
  alias: {
    token: "aws:kms/getAlias:getAlias",
    none: [
      "reading KMS Alias (alias/sink): empty result",
      "reading KMS Key (alias/sink): couldn't find resource",
    ],
    failed: [`reading KMS Alias (alias/sink): operation error KMS: ListAliases, ${ACCESS_DENIED}`],
  },
  topic: {
    token: "aws:msk/getTopic:getTopic",
    none: [
      "reading MSK Topic (arn:aws:kafka:us-east-1:123456789012:cluster/c/1-2/a.pin): couldn't find resource",
    ],
    failed: [`reading MSK Topic: operation error Kafka: DescribeTopic, ${ACCESS_DENIED}`],
  },
};

describe("the provider's not-found, by lookup (lib/provider/notFound.ts)", () => {
  for (const [lookup, { token, none, failed }] of Object.entries(CASES) as [Lookup, (typeof CASES)[Lookup]][])
    it(`${lookup}: only the provider's "none" means none`, () => {
      for (const m of none) expect(isNotFound(lookup, invoking(token, m)), m).to.equal(true);
      for (const m of failed) expect(isNotFound(lookup, invoking(token, m)), m).to.equal(false);
    });

  it("one lookup's none is not another's", () => {
    const topicNone = invoking(CASES.topic.token, CASES.topic.none[0]);
    expect(isNotFound("connector", topicNone)).to.equal(false);
    expect(isNotFound("topic", invoking(CASES.connector.token, CASES.connector.none[0]))).to.equal(false);
  });
});
