/**
 * The network across updates, on the mock runtime: the stack's S3 gateway endpoint after a failed first
 * `up`, an S3 interface endpoint, a connector pinned to its network, and the VPC's main route table.
 */
import { expect } from "chai";
import { clusterMovedWarning } from "../../lib/connector/network";
import { IAM_BROKERS, SECURITY_GROUPS, SUBNETS } from "../support/fixtures";
import { accountInvokes, deployedConnector, runAfter } from "../support/lifecycle";
import { healthyNetwork, NAT, NetworkSpec, VPC, withCreatedEndpoints } from "../support/network";
import { config, invokes, isolated, KEY } from "../support/networkStack";
import { at, Inputs } from "../support/pulumiMocks";
import { one, runProgram } from "../support/stack";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const CONNECTOR = "aws:mskconnect/connector:Connector";
const live = { bootstrapServers: IAM_BROKERS, subnetIds: SUBNETS, securityGroupIds: SECURITY_GROUPS };
const asked = (calls: [string, Inputs][], token: string) =>
  calls.filter(([t]) => t === token).map(([, a]) => a);

describe("the stack's S3 gateway endpoint after a failed first `up`", () => {
  it("is known by its owner tags without stack outputs: the next preview neither refuses nor advises deleting it", async () => {
    const spec = isolated();
    const first = await runProgram("dev", config({ s3GatewayEndpoint: true }), invokes(spec), [KEY]);
    if (first.error) throw first.error;
    // The update failed after the endpoint was created (say the connector never became RUNNING): what it
    // created is in the state and in the account, but a new stack whose first update fails records no
    // outputs (pulumi/pulumi#16289).
    const failed = { ...first, outputs: undefined };
    const after = withCreatedEndpoints(spec, first.resources);
    const { second, diff } = await runAfter("dev", failed, {
      config: config({ s3GatewayEndpoint: true }),
      invokes: invokes(after),
      secretKeys: [KEY],
    });
    expect(second.warnings).to.deep.equal([]);
    expect(diff).to.deep.equal({ replaceForcing: {}, inPlace: {}, created: [], deleted: [] });
    expect(one(second.resources, ENDPOINT).inputs.routeTableIds).to.deep.equal(["rtb-0private"]);
  });
});

describe("an S3 interface endpoint (PrivateLink) with private DNS in the workers' VPC", () => {
  /** No route out, an interface endpoint whose group admits HTTPS from the workers' group (or not). */
  const privateLink = (admits: boolean): NetworkSpec => {
    const spec = isolated();
    spec.endpoints = { "vpce-0if": { type: "Interface", privateDns: true, securityGroupIds: ["sg-0vpce"] } };
    if (admits)
      spec.rules["sgr-vpce-https"] = {
        securityGroupId: "sg-0vpce",
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: SECURITY_GROUPS[0],
      };
    return spec;
  };
  const regional = { properties: { "store.url": "https://s3.us-east-1.amazonaws.com" } };

  it("serves the workers with no NAT or gateway route; its group's rules are read with the others", async () => {
    const calls: [string, Inputs][] = [];
    const run = await runProgram("dev", config(undefined, regional), invokes(privateLink(true), calls), [
      KEY,
    ]);
    if (run.error) throw run.error;
    expect(run.warnings).to.deep.equal([]);
    expect(asked(calls, "aws:vpc/getSecurityGroupRules:getSecurityGroupRules")).to.deep.equal([
      { filters: [{ name: "group-id", values: [...SECURITY_GROUPS, "sg-0vpce"] }] },
    ]);
    expect(one(run.resources, CONNECTOR).inputs.connectorConfiguration).to.include({
      "store.url": regional.properties["store.url"],
    });
  });

  it("a group that admits no HTTPS from the workers is refused; in us-east-1 without store.url, a warning", async () => {
    const refused = await runProgram("dev", config(undefined, regional), invokes(privateLink(false)), [KEY]);
    expect(refused.error?.message).to.equal(
      `Invalid msk-s3-sink configuration:\n  - msk-s3-sink:cluster.securityGroupIds: S3 interface endpoint vpce-0if answers S3's name in ${VPC} (private DNS), so the workers' S3 traffic goes to it, but its security groups sg-0vpce admit no TCP 443 from the workers (security groups ${SECURITY_GROUPS.join(", ")}; subnets 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24): add an inbound rule to sg-0vpce for TCP 443 from ${SECURITY_GROUPS.join(", ")}`,
    );
    expect(refused.resources).to.deep.equal([]);
    const global = await runProgram("dev", config(), invokes(privateLink(true)), [KEY]);
    if (global.error) throw global.error;
    expect(global.warnings).to.deep.equal([
      `msk-s3-sink:connector.properties: S3 interface endpoint vpce-0if answers s3.us-east-1.amazonaws.com in ${VPC}, but in us-east-1 the S3 sink calls the global name s3.amazonaws.com, which its private DNS does not answer and the workers' route tables do not route: set store.url to https://s3.us-east-1.amazonaws.com in msk-s3-sink:connector.properties`,
    ]);
  });
});

describe("the network the connector runs in", () => {
  it("checks, and places the opt-in endpoint on, the deployed connector's subnets, not the cluster's", async () => {
    // The account's connector runs in subnet-0old (a table of its own, no route out); the cluster now
    // reports the fixtures' subnets.
    const spec = isolated();
    spec.subnets["subnet-0old"] = { cidrBlock: "10.0.9.0/24" };
    spec.routeTables["rtb-0old"] = { subnetIds: ["subnet-0old"], routes: [] };
    const ran = { ...live, subnetIds: ["subnet-0old"] };
    const account = { existing: [deployedConnector("u1-connector", ran)] };
    const calls: [string, Inputs][] = [];
    const all = { ...invokes(spec, calls), ...accountInvokes(account) };
    const run = await runProgram("dev", config({ s3GatewayEndpoint: true }), all, [KEY], account);
    if (run.error) throw run.error;
    expect(asked(calls, "aws:ec2/getSubnet:getSubnet")).to.deep.equal([{ id: "subnet-0old" }]);
    expect(one(run.resources, ENDPOINT).inputs.routeTableIds).to.deep.equal(["rtb-0old"]);
    expect(
      at(one(run.resources, CONNECTOR).inputs, "kafkaCluster", "apacheKafkaCluster", "vpc", "subnets"),
    ).to.deep.equal(["subnet-0old"]);
    expect(run.warnings).to.deep.equal([
      clusterMovedWarning(
        "pinterest-msk-cluster",
        "u1-connector",
        [`client subnets are now [${SUBNETS.join(", ")}] (the connector has [subnet-0old])`],
        "dev",
      ),
    ]);
  });
});

describe("the stack's endpoint on the VPC's main route table", () => {
  // The workers' subnets have no table of their own: they use the VPC's main table, routed through NAT.
  const spec: NetworkSpec = {
    ...healthyNetwork(SUBNETS, SECURITY_GROUPS),
    routeTables: { "rtb-0main": { main: true, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: NAT }] } },
  };
  const world = { existing: [deployedConnector("u1-connector", live)] };

  it("warns when it goes on, and when turning it off takes it away: naming the table and the VPC", async () => {
    const on = await runProgram("dev", config({ s3GatewayEndpoint: true }), invokes(spec), [KEY]);
    if (on.error) throw on.error;
    expect(one(on.resources, ENDPOINT).inputs.routeTableIds).to.deep.equal(["rtb-0main"]);
    expect(on.warnings).to.deep.equal([
      `msk-s3-sink:network.s3GatewayEndpoint: the S3 gateway endpoint goes on route table rtb-0main, the main route table of ${VPC}: every subnet of ${VPC} without its own route table association sends its S3 traffic through it from now on, and turning the setting off or destroying the stack takes that route from all of them`,
    ]);
    const off = {
      config: config({ s3GatewayEndpoint: false }),
      invokes: invokes(withCreatedEndpoints(spec, on.resources)),
      secretKeys: [KEY],
    };
    const { second, diff } = await runAfter("dev", on, off, world);
    expect(diff.deleted).to.deep.equal([`${ENDPOINT} u1-network-s3`]);
    expect(second.warnings).to.deep.equal([
      `msk-s3-sink:network.s3GatewayEndpoint: this update removes S3 gateway endpoint ${one(on.resources, ENDPOINT).id} from route table rtb-0main, the main route table of ${VPC}: every subnet of ${VPC} without its own route table association loses that S3 route (its S3 traffic then takes 0.0.0.0/0, or fails without it)`,
    ]);
  });

  it("turning it off where nothing else routes S3 for the workers is refused before anything changes", async () => {
    const noNat: NetworkSpec = { ...spec, routeTables: { "rtb-0main": { main: true, routes: [] } } };
    const on = await runProgram("dev", config({ s3GatewayEndpoint: true }), invokes(noNat), [KEY]);
    if (on.error) throw on.error;
    const after = invokes(withCreatedEndpoints(noNat, on.resources));
    const off = await runProgram("dev", config({ s3GatewayEndpoint: false }), after, [KEY], world);
    expect(off.error?.message).to.equal(
      `Invalid msk-s3-sink configuration:\n  - msk-s3-sink:cluster.subnetIds: subnets ${SUBNETS.join(", ")} (route table rtb-0main) cannot reach S3: no 0.0.0.0/0 route and no S3 gateway endpoint; set msk-s3-sink:network.s3GatewayEndpoint to true (the stack then adds an S3 gateway endpoint to that route table), route 0.0.0.0/0 to a NAT gateway, or list other subnets in msk-s3-sink:cluster.subnetIds`,
    );
    expect(off.resources).to.deep.equal([]);
  });
});
