import { expect } from "chai";
import { SECURITY_GROUPS, SUBNETS } from "../support/fixtures";
import { healthyNetwork, NETWORK_TOKENS, S3_PREFIX_LIST, VPC } from "../support/network";
import { config, invokes, isolated, KEY, OWNER } from "../support/networkStack";
import { Inputs, invokeError } from "../support/pulumiMocks";
import { one, runProgram, waitsFor } from "../support/stack";

const NS = "msk-s3-sink";

const NO_S3 = `${NS}:cluster.subnetIds: subnets ${SUBNETS.join(", ")} (route table rtb-0private) cannot reach S3: no 0.0.0.0/0 route and no S3 gateway endpoint; set ${NS}:network.s3GatewayEndpoint to true (the stack then adds an S3 gateway endpoint to that route table), route 0.0.0.0/0 to a NAT gateway, or list other subnets in ${NS}:cluster.subnetIds`;

describe("network prerequisites: the stack on the mock runtime", () => {
  it("looks up the workers' subnets, their route tables, S3 endpoint routes and the groups' rules", async () => {
    const calls: [string, Inputs][] = [];
    const run = await runProgram("dev", config(), invokes(healthyNetwork(SUBNETS, SECURITY_GROUPS), calls), [
      KEY,
    ]);
    if (run.error) throw run.error;
    const asked = (token: string) => calls.filter(([t]) => t === token).map(([, a]) => a);
    expect(asked("aws:ec2/getSubnet:getSubnet")).to.have.deep.members(SUBNETS.map((id) => ({ id })));
    expect(asked("aws:ec2/getVpcEndpointService:getVpcEndpointService")).to.deep.equal([
      { service: "s3", serviceType: "Gateway" },
    ]);
    expect(asked("aws:ec2/getPrefixList:getPrefixList")).to.deep.equal([
      { name: "com.amazonaws.us-east-1.s3" },
    ]);
    expect(asked("aws:ec2/getRouteTables:getRouteTables")).to.have.deep.members([
      { vpcId: VPC, filters: [{ name: "association.subnet-id", values: SUBNETS }] },
      { vpcId: VPC, filters: [{ name: "route.destination-prefix-list-id", values: [S3_PREFIX_LIST] }] },
    ]);
    expect(asked("aws:ec2/getRouteTable:getRouteTable")).to.have.deep.members([
      { routeTableId: "rtb-0private" },
      { vpcId: VPC, filters: [{ name: "association.main", values: ["true"] }] },
    ]);
    // The stack's own S3 gateway endpoint by its owner tags; an S3 interface endpoint of the workers' VPC.
    expect(asked("aws:ec2/getVpcEndpoint:getVpcEndpoint")).to.have.deep.members([
      {
        serviceName: "com.amazonaws.us-east-1.s3",
        vpcEndpointType: "Gateway",
        state: "available",
        tags: OWNER,
      },
      {
        vpcId: VPC,
        serviceName: "com.amazonaws.us-east-1.s3",
        vpcEndpointType: "Interface",
        state: "available",
      },
    ]);
    expect(asked("aws:vpc/getSecurityGroupRules:getSecurityGroupRules")).to.deep.equal([
      { filters: [{ name: "group-id", values: SECURITY_GROUPS }] },
    ]);
    expect(asked("aws:vpc/getSecurityGroupRule:getSecurityGroupRule")).to.have.deep.members(
      SECURITY_GROUPS.flatMap((g) => [
        { securityGroupRuleId: `sgr-in-${g}` },
        { securityGroupRuleId: `sgr-out-${g}` },
      ]),
    );
    expect(run.resources.some((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")).to.equal(false);
  });

  it("a subnet that cannot reach S3 fails the preview before any resource is registered", async () => {
    const run = await runProgram("dev", config(), invokes(isolated()), [KEY]);
    expect(run.error?.message).to.equal(`Invalid ${NS} configuration:\n  - ${NO_S3}`);
    expect(run.resources).to.deep.equal([]);
  });

  it('network.checks "warn": the same finding is a warning and the stack goes on', async () => {
    const run = await runProgram("dev", config({ checks: "warn" }), invokes(isolated()), [KEY]);
    if (run.error) throw run.error;
    const warnings = run.warnings;
    expect(warnings).to.deep.equal([NO_S3]);
    expect(run.resources.some((r) => r.type === "aws:mskconnect/connector:Connector")).to.equal(true);
  });

  it('network.checks "off": no network lookup at all', async () => {
    const calls: [string, Inputs][] = [];
    const run = await runProgram("dev", config({ checks: "off" }), invokes(isolated(), calls), [KEY]);
    if (run.error) throw run.error;
    expect(calls).to.deep.equal([]);
    expect(run.invoked.filter((t) => NETWORK_TOKENS.includes(t))).to.deep.equal([]);
  });

  it("network.s3GatewayEndpoint: a Gateway endpoint for S3 on the workers' route table, which the connector waits for", async () => {
    const run = await runProgram("dev", config({ s3GatewayEndpoint: true }), invokes(isolated()), [KEY]);
    if (run.error) throw run.error;
    const endpoint = one(run.resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
    expect(endpoint.name).to.equal("u1-network-s3");
    expect(endpoint.inputs).to.deep.equal({
      vpcId: VPC,
      serviceName: "com.amazonaws.us-east-1.s3",
      vpcEndpointType: "Gateway",
      routeTableIds: ["rtb-0private"],
      tags: { Name: "u1-network-s3", ...OWNER },
    });
    const component = one(run.resources, "msk-s3-sink:index:NetworkPrerequisites");
    expect([component.name, endpoint.parent]).to.deep.equal(["u1-network", component.urn]);
    const connector = one(run.resources, "aws:mskconnect/connector:Connector");
    expect(waitsFor(run.resources, connector)).to.include(endpoint.urn);
  });

  it("network.s3GatewayEndpoint where another S3 endpoint serves the table: refused before any resource", async () => {
    const served = { ...isolated(), s3EndpointRouteTables: ["rtb-0private"] };
    const run = await runProgram("dev", config({ s3GatewayEndpoint: true }), invokes(served), [KEY]);
    expect(run.error?.message).to.equal(
      `Invalid ${NS} configuration:\n  - ${NS}:network.s3GatewayEndpoint: route table rtb-0private already routes S3 through a gateway endpoint this stack did not create, and a route table takes one per service, so creating another would fail: the workers reach S3 through that one; set ${NS}:network.s3GatewayEndpoint to false (or, if it is this stack's own endpoint made before the stack tagged it, tag it pulumi:project=<project> and pulumi:stack=<stack>: see docs/network.md)`,
    );
    expect(run.resources).to.deep.equal([]);
  });

  it("the stack's endpoint is known by its owner tags alone; a failed lookup of it is a warning", async () => {
    const first = await runProgram("dev", config({ s3GatewayEndpoint: true }), invokes(isolated()), [KEY]);
    if (first.error) throw first.error;
    const endpointId = String(one(first.resources, "aws:ec2/vpcEndpoint:VpcEndpoint").id);
    // The account: that endpoint, on the workers' table, without the tags (the stack's outputs are never read).
    const untagged = {
      ...isolated(),
      endpoints: { [endpointId]: { type: "Gateway" as const, routeTableIds: ["rtb-0private"] } },
    };
    const calls: [string, Inputs][] = [];
    const second = await runProgram("dev", config({ s3GatewayEndpoint: true }), invokes(untagged, calls), [
      KEY,
    ]);
    expect(second.error?.message).to.match(
      /tag it pulumi:project=<project> and pulumi:stack=<stack>: see docs\/network\.md\)$/,
    );
    expect(calls.map(([, a]) => a)).to.not.deep.include({ id: endpointId });
    expect(second.reads).to.deep.equal([]);

    const denied = invokes(untagged);
    denied["aws:ec2/getVpcEndpoint:getVpcEndpoint"] = () => {
      throw invokeError("invoking aws:ec2/getVpcEndpoint:getVpcEndpoint: UnauthorizedOperation");
    };
    // With the checks off only this lookup is made: its failure is a warning (with them on, any failed
    // lookup stops a stack that asks for the endpoint, below).
    const unread = await runProgram("dev", config({ s3GatewayEndpoint: true, checks: "off" }), denied, [KEY]);
    if (unread.error) throw unread.error;
    expect(unread.warnings).to.deep.equal([
      "the S3 gateway endpoint this stack created could not be looked up (invoking aws:ec2/getVpcEndpoint:getVpcEndpoint: UnauthorizedOperation), so the workers' route tables were not checked for another S3 endpoint; the deployer needs ec2:DescribeVpcEndpoints",
    ]);
  });

  it("lookups the deployer may not make: a warning naming the rights, or an error when the endpoint needs them", async () => {
    const denied = invokes(healthyNetwork(SUBNETS, SECURITY_GROUPS));
    denied["aws:ec2/getSubnet:getSubnet"] = () => {
      throw invokeError(
        "invoking aws:ec2/getSubnet:getSubnet: 1 error occurred:\n\t* UnauthorizedOperation: ec2:DescribeSubnets",
      );
    };
    const why =
      "invoking aws:ec2/getSubnet:getSubnet: 1 error occurred: * UnauthorizedOperation: ec2:DescribeSubnets";
    const run = await runProgram("dev", config(), denied, [KEY]);
    if (run.error) throw run.error;
    const warnings = run.warnings;
    expect(warnings).to.deep.equal([
      `network prerequisites not checked: ${why}. The deployer needs ec2:DescribeVpcEndpointServices, ec2:DescribeSubnets, ec2:DescribeRouteTables, ec2:DescribePrefixLists, ec2:DescribeVpcEndpoints and ec2:DescribeSecurityGroupRules, or set ${NS}:network.checks to off`,
    ]);
    const withEndpoint = await runProgram("dev", config({ s3GatewayEndpoint: true }), denied, [KEY]);
    expect(withEndpoint.error?.message).to.equal(
      `Invalid ${NS} configuration:\n  - ${NS}:network.s3GatewayEndpoint = true: the workers' route tables could not be read (${why})`,
    );
    expect(withEndpoint.resources).to.deep.equal([]);
  });
});
