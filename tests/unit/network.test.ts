import { expect } from "chai";
import { mainRouteTableWarnings, s3EndpointPlacement } from "../../lib/network/endpoints";
import { cidrContains, coversTcpPort } from "../../lib/network/ingress";
import { NetworkNeeds, networkFindings } from "../../lib/network/prerequisites";
import { NetworkView, routeTableOf } from "../../lib/network/view";

const needs = (over: Partial<NetworkNeeds> = {}): NetworkNeeds => ({
  subnetIds: ["subnet-a", "subnet-b"],
  workerSecurityGroupIds: ["sg-1"],
  brokerSecurityGroupIds: ["sg-1"],
  brokerPort: 9098,
  s3GatewayEndpoint: false,
  ...over,
});

/** Two private subnets on one NAT-routed table; sg-1 admits itself on 9098 and lets everything out. */
const view = (over: Partial<NetworkView> = {}): NetworkView => ({
  s3ServiceName: "com.amazonaws.us-east-1.s3",
  subnets: [
    { id: "subnet-a", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" },
    { id: "subnet-b", vpcId: "vpc-1", cidrBlock: "10.0.2.0/24" },
  ],
  routeTables: [
    {
      id: "rtb-private",
      vpcId: "vpc-1",
      main: false,
      subnetIds: ["subnet-a", "subnet-b"],
      routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }],
    },
    { id: "rtb-main", vpcId: "vpc-1", main: true, subnetIds: [], routes: [] },
  ],
  s3EndpointRouteTableIds: [],
  s3InterfaceEndpoints: [],
  stackEndpoint: null,
  rules: [
    {
      securityGroupId: "sg-1",
      isEgress: false,
      ipProtocol: "tcp",
      fromPort: 9098,
      toPort: 9098,
      referencedSecurityGroupId: "sg-1",
    },
    {
      securityGroupId: "sg-1",
      isEgress: true,
      ipProtocol: "-1",
      fromPort: -1,
      toPort: -1,
      cidrIpv4: "0.0.0.0/0",
    },
  ],
  ...over,
});

const S3_FIX =
  "set msk-s3-sink:network.s3GatewayEndpoint to true (the stack then adds an S3 gateway endpoint to that route table), route 0.0.0.0/0 to a NAT gateway, or list other subnets in msk-s3-sink:cluster.subnetIds";
const withRoutes = (routes: NetworkView["routeTables"][number]["routes"]) =>
  view({
    routeTables: [
      { id: "rtb-private", vpcId: "vpc-1", main: false, subnetIds: ["subnet-a", "subnet-b"], routes },
      { id: "rtb-main", vpcId: "vpc-1", main: true, subnetIds: [], routes: [] },
    ],
  });

describe("network prerequisites: S3 from the workers' subnets", () => {
  it("a NAT route, or an S3 gateway endpoint on the table, is enough", () => {
    expect(networkFindings(needs(), view())).to.deep.equal([]);
    expect(
      networkFindings(needs(), { ...withRoutes([]), s3EndpointRouteTableIds: ["rtb-private"] }),
    ).to.deep.equal([]);
  });

  it("no default route: an error naming the subnets, the route table and the settings that fix it", () => {
    expect(networkFindings(needs(), withRoutes([]))).to.deep.equal([
      {
        path: ["cluster", "subnetIds"],
        message: `subnets subnet-a, subnet-b (route table rtb-private) cannot reach S3: no 0.0.0.0/0 route and no S3 gateway endpoint; ${S3_FIX}`,
        certain: true,
      },
    ]);
  });

  it("a subnet without its own table uses the VPC's main table", () => {
    const v = view({
      routeTables: [
        {
          id: "rtb-private",
          vpcId: "vpc-1",
          main: false,
          subnetIds: ["subnet-a"],
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }],
        },
        { id: "rtb-main", vpcId: "vpc-1", main: true, subnetIds: [], routes: [] },
      ],
    });
    expect(routeTableOf(v, v.subnets[1])?.id).to.equal("rtb-main");
    expect(networkFindings(needs(), v).map((f) => f.message)).to.deep.equal([
      `subnet subnet-b (route table rtb-main) cannot reach S3: no 0.0.0.0/0 route and no S3 gateway endpoint; ${S3_FIX}`,
    ]);
  });

  it("an internet gateway is an error (workers have no public IP); a transit gateway only a warning", () => {
    expect(
      networkFindings(needs(), withRoutes([{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }])),
    ).to.deep.equal([
      {
        path: ["cluster", "subnetIds"],
        message: `subnets subnet-a, subnet-b (route table rtb-private) cannot reach S3: 0.0.0.0/0 goes to internet gateway igw-1, which MSK Connect workers cannot use (they have no public IP); ${S3_FIX}`,
        certain: true,
      },
    ]);
    expect(
      networkFindings(needs(), withRoutes([{ cidrBlock: "0.0.0.0/0", transitGatewayId: "tgw-1" }])),
    ).to.deep.equal([
      {
        path: ["cluster", "subnetIds"],
        message: `subnets subnet-a, subnet-b (route table rtb-private) sends 0.0.0.0/0 to transit gateway tgw-1, which these checks cannot follow to S3; if S3 is not reachable that way, ${S3_FIX}`,
        certain: false,
      },
    ]);
  });

  it("the stack's own endpoint does not count once the setting is off: this update deletes it", () => {
    const own = {
      ...withRoutes([]),
      s3EndpointRouteTableIds: ["rtb-private"],
      stackEndpoint: { id: "vpce-own", routeTableIds: ["rtb-private"] },
    };
    expect(networkFindings(needs(), own).map((f) => f.message)).to.deep.equal([
      `subnets subnet-a, subnet-b (route table rtb-private) cannot reach S3: no 0.0.0.0/0 route and no S3 gateway endpoint; ${S3_FIX}`,
    ]);
    expect(networkFindings(needs({ s3GatewayEndpoint: true }), own)).to.deep.equal([]);
  });

  it("a proxy (s3.proxy.url) or the opt-in endpoint: routes are not checked", () => {
    expect(networkFindings(needs({ s3Proxy: "http://proxy:3128" }), withRoutes([]))).to.deep.equal([]);
    expect(networkFindings(needs({ s3GatewayEndpoint: true }), withRoutes([]))).to.deep.equal([]);
  });
});

describe("network prerequisites: security groups", () => {
  const ingress = (rule: Partial<NetworkView["rules"][number]>) =>
    view({
      rules: [
        {
          securityGroupId: "sg-b",
          isEgress: false,
          ipProtocol: "tcp",
          fromPort: 9098,
          toPort: 9098,
          ...rule,
        },
        {
          securityGroupId: "sg-w",
          isEgress: true,
          ipProtocol: "-1",
          fromPort: -1,
          toPort: -1,
          cidrIpv4: "0.0.0.0/0",
        },
      ],
    });
  const separate = needs({ workerSecurityGroupIds: ["sg-w"], brokerSecurityGroupIds: ["sg-b"] });

  it("the brokers' groups admit the workers' group, or a CIDR covering every worker subnet", () => {
    expect(networkFindings(separate, ingress({ referencedSecurityGroupId: "sg-w" }))).to.deep.equal([]);
    expect(networkFindings(separate, ingress({ cidrIpv4: "10.0.0.0/16" }))).to.deep.equal([]);
    expect(
      networkFindings(
        separate,
        ingress({ ipProtocol: "-1", fromPort: -1, toPort: -1, cidrIpv4: "10.0.0.0/8" }),
      ),
    ).to.deep.equal([]);
  });

  it("a group that does not admit itself on the broker port: an error naming group, port and fix", () => {
    const v = view({
      rules: view().rules.map((r) => (r.isEgress ? r : { ...r, fromPort: 9094, toPort: 9094 })),
    });
    expect(networkFindings(needs(), v)).to.deep.equal([
      {
        path: ["cluster", "securityGroupIds"],
        message:
          "the brokers' security groups sg-1 admit no TCP 9098 from the workers (security groups sg-1; subnets 10.0.1.0/24, 10.0.2.0/24): add an inbound rule to sg-1 for TCP 9098 whose source is the security group itself, or set msk-s3-sink:cluster.securityGroupIds to groups the brokers admit",
        certain: true,
      },
    ]);
    // TLS-only brokers listen on 9094: the same rule is then enough.
    expect(networkFindings(needs({ brokerPort: 9094 }), v)).to.deep.equal([]);
  });

  it("separate groups: the fix names both; a CIDR missing a subnet does not count; a prefix list only warns", () => {
    expect(
      networkFindings(separate, ingress({ cidrIpv4: "10.0.1.0/24" })).map((f) => [f.message, f.certain]),
    ).to.deep.equal([
      [
        "the brokers' security groups sg-b admit no TCP 9098 from the workers (security groups sg-w; subnets 10.0.1.0/24, 10.0.2.0/24): add an inbound rule to sg-b for TCP 9098 from sg-w, or set msk-s3-sink:cluster.securityGroupIds to groups the brokers admit",
        true,
      ],
    ]);
    expect(
      networkFindings(separate, ingress({ prefixListId: "pl-corp" })).map((f) => [f.message, f.certain]),
    ).to.deep.equal([
      [
        "the brokers' security groups sg-b admit TCP 9098 from prefix list pl-corp, which these checks cannot read; if it leaves out the workers' subnets, add an inbound rule to sg-b for TCP 9098 from sg-w, or set msk-s3-sink:cluster.securityGroupIds to groups the brokers admit",
        false,
      ],
    ]);
  });

  it("the workers' groups must let them out to the brokers and to S3 over HTTPS (not with a proxy)", () => {
    const v = view({
      rules: [
        view().rules[0],
        {
          securityGroupId: "sg-1",
          isEgress: true,
          ipProtocol: "tcp",
          fromPort: 9098,
          toPort: 9098,
          referencedSecurityGroupId: "sg-1",
        },
      ],
    });
    expect(networkFindings(needs(), v)).to.deep.equal([
      {
        path: ["cluster", "securityGroupIds"],
        message:
          "the workers' security groups sg-1 allow no outbound TCP 443 (S3 over HTTPS): add an outbound rule for it",
        certain: true,
      },
    ]);
    expect(networkFindings(needs({ s3Proxy: "http://proxy:3128" }), v)).to.deep.equal([]);
  });

  it("brokers whose groups the cluster does not report: only the workers' egress is checked", () => {
    const v = view({ rules: view().rules.filter((r) => r.isEgress) });
    expect(networkFindings(needs({ brokerSecurityGroupIds: [] }), v)).to.deep.equal([]);
  });

  it("port and CIDR arithmetic", () => {
    const rule = { securityGroupId: "sg", isEgress: false, ipProtocol: "6", fromPort: 9092, toPort: 9098 };
    expect([
      coversTcpPort(rule, 9098),
      coversTcpPort(rule, 9099),
      coversTcpPort({ ...rule, ipProtocol: "udp" }, 9098),
    ]).to.deep.equal([true, false, false]);
    expect([
      cidrContains("10.0.0.0/16", "10.0.2.0/24"),
      cidrContains("10.0.2.0/24", "10.0.0.0/16"),
      cidrContains("10.1.0.0/16", "10.0.2.0/24"),
      cidrContains("0.0.0.0/0", "192.168.7.0/28"),
    ]).to.deep.equal([true, false, false, true]);
  });
});

describe("network prerequisites: the opt-in S3 gateway endpoint", () => {
  it("goes into the workers' VPC, on each of their route tables once", () => {
    expect(s3EndpointPlacement(needs().subnetIds, view())).to.deep.equal({
      vpcId: "vpc-1",
      serviceName: "com.amazonaws.us-east-1.s3",
      routeTableIds: ["rtb-private"],
    });
  });

  it("subnets in two VPCs cannot share one endpoint: an error naming both VPCs", () => {
    const v = view({
      subnets: [
        { id: "subnet-a", vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" },
        { id: "subnet-b", vpcId: "vpc-2", cidrBlock: "10.1.2.0/24" },
      ],
    });
    expect(networkFindings(needs({ s3GatewayEndpoint: true }), v)).to.deep.equal([
      {
        path: ["network", "s3GatewayEndpoint"],
        message:
          "the workers' subnets are in VPCs vpc-1, vpc-2; a gateway endpoint serves one VPC: list subnets of one VPC in msk-s3-sink:cluster.subnetIds",
        certain: true,
      },
    ]);
  });

  it("a table already served by an S3 endpoint the stack did not create: an error before AWS refuses the route", () => {
    const v = view({
      routeTables: [
        { id: "rtb-a", vpcId: "vpc-1", main: false, subnetIds: ["subnet-a"], routes: [] },
        { id: "rtb-b", vpcId: "vpc-1", main: false, subnetIds: ["subnet-b"], routes: [] },
      ],
    });
    const finding = (tables: string) => ({
      path: ["network", "s3GatewayEndpoint"],
      message: `${tables} S3 through a gateway endpoint this stack did not create, and a route table takes one per service, so creating another would fail: the workers reach S3 through that one; set msk-s3-sink:network.s3GatewayEndpoint to false (or, if it is this stack's own endpoint made before the stack tagged it, tag it pulumi:project=<project> and pulumi:stack=<stack>: see docs/network.md)`,
      certain: true,
    });
    const on = needs({ s3GatewayEndpoint: true });
    expect(networkFindings(on, { ...v, s3EndpointRouteTableIds: ["rtb-b"] })).to.deep.equal([
      finding("route table rtb-b already routes"),
    ]);
    expect(networkFindings(on, { ...v, s3EndpointRouteTableIds: ["rtb-a", "rtb-b"] })).to.deep.equal([
      finding("route tables rtb-a, rtb-b already route"),
    ]);
    // The stack's own endpoint on rtb-a excuses only rtb-a: rtb-b is still another endpoint's. Turning the
    // setting off would delete the stack's endpoint from rtb-a too, so that is not the advice.
    const ownA = {
      ...v,
      s3EndpointRouteTableIds: ["rtb-a", "rtb-b"],
      stackEndpoint: { id: "vpce-own", routeTableIds: ["rtb-a"] },
    };
    expect(networkFindings(on, ownA)).to.deep.equal([
      {
        path: ["network", "s3GatewayEndpoint"],
        message:
          "route table rtb-b already routes S3 through a gateway endpoint this stack did not create, and a route table takes one per service, so creating another would fail; turning msk-s3-sink:network.s3GatewayEndpoint off would also delete this stack's endpoint vpce-own from route table rtb-a: remove the other endpoint from route table rtb-b, or list subnets on other route tables in msk-s3-sink:cluster.subnetIds",
        certain: true,
      },
    ]);
  });

  it("the stack's own endpoint from an earlier update is no conflict, nor is another table of the VPC, nor an endpoint it cannot read", () => {
    const on = needs({ s3GatewayEndpoint: true });
    const served = { s3EndpointRouteTableIds: ["rtb-private", "rtb-main"] };
    expect(
      networkFindings(
        on,
        view({ ...served, stackEndpoint: { id: "vpce-own", routeTableIds: ["rtb-private"] } }),
      ),
    ).to.deep.equal([]);
    expect(networkFindings(on, view({ s3EndpointRouteTableIds: ["rtb-main"] }))).to.deep.equal([]);
    expect(networkFindings(needs(), view(served))).to.deep.equal([]);
    // The stack's endpoint exists but could not be read: nothing to judge against.
    expect(networkFindings(on, view({ ...served, stackEndpoint: undefined }))).to.deep.equal([]);
  });
});

describe("network prerequisites: an S3 interface endpoint (PrivateLink) with private DNS", () => {
  const EU = "com.amazonaws.eu-west-1.s3";
  const endpoint = (over = {}) => ({
    id: "vpce-if",
    vpcId: "vpc-1",
    answersVpc: true,
    securityGroupIds: ["sg-vpce"],
    ...over,
  });
  const https = {
    securityGroupId: "sg-vpce",
    isEgress: false,
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    referencedSecurityGroupId: "sg-1",
  };
  /** No route out; the interface endpoint in vpc-1, its group admitting 443 from the workers or not. */
  const served = (admits: boolean, over: Partial<NetworkView> = {}) => {
    const v = withRoutes([]);
    return {
      ...v,
      s3InterfaceEndpoints: [endpoint()],
      rules: admits ? [...v.rules, https] : v.rules,
      ...over,
    };
  };
  const NO_443 =
    "S3 interface endpoint vpce-if answers S3's name in vpc-1 (private DNS), so the workers' S3 traffic goes to it, but its security groups sg-vpce admit no TCP 443 from the workers (security groups sg-1; subnets 10.0.1.0/24, 10.0.2.0/24): add an inbound rule to sg-vpce for TCP 443 from sg-1";

  it("serves the workers without a NAT or gateway route when its group admits HTTPS from them", () => {
    expect(networkFindings(needs(), served(true, { s3ServiceName: EU }))).to.deep.equal([]);
  });

  it("takes their S3 traffic even beside a NAT route, so a group that admits no 443 from them is an error", () => {
    const path = ["cluster", "securityGroupIds"];
    expect(networkFindings(needs(), served(false, { s3ServiceName: EU }))).to.deep.equal([
      { path, message: NO_443, certain: true },
    ]);
    expect(
      networkFindings(needs(), { ...served(false, { s3ServiceName: EU }), routeTables: view().routeTables }),
    ).to.deep.equal([{ path, message: NO_443, certain: true }]);
  });

  it("private DNS only for inbound Resolver endpoints (or none) leaves the workers to their routes", () => {
    const inboundOnly = served(true, {
      s3ServiceName: EU,
      s3InterfaceEndpoints: [endpoint({ answersVpc: false })],
    });
    expect(networkFindings(needs(), inboundOnly).map((f) => f.message)).to.deep.equal([
      `subnets subnet-a, subnet-b (route table rtb-private) cannot reach S3: no 0.0.0.0/0 route and no S3 gateway endpoint; ${S3_FIX}`,
    ]);
  });

  it("us-east-1: the sink calls the global s3.amazonaws.com, a warning unless store.url names the regional endpoint or a route serves it", () => {
    expect(networkFindings(needs(), served(true))).to.deep.equal([
      {
        path: ["connector", "properties"],
        message:
          "S3 interface endpoint vpce-if answers s3.us-east-1.amazonaws.com in vpc-1, but in us-east-1 the S3 sink calls the global name s3.amazonaws.com, which its private DNS does not answer and the workers' route tables do not route: set store.url to https://s3.us-east-1.amazonaws.com in msk-s3-sink:connector.properties",
        certain: false,
      },
    ]);
    expect(
      networkFindings(needs({ s3Url: "https://s3.us-east-1.amazonaws.com" }), served(true)),
    ).to.deep.equal([]);
    expect(networkFindings(needs(), { ...served(true), routeTables: view().routeTables })).to.deep.equal([]);
  });
});

describe("network prerequisites: the stack's endpoint and the VPC's main route table", () => {
  const onMain = { vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.s3", routeTableIds: ["rtb-main"] };

  it("adding the endpoint to the main table warns: every implicitly associated subnet's S3 route changes", () => {
    expect(mainRouteTableWarnings(view(), onMain)).to.deep.equal([
      "msk-s3-sink:network.s3GatewayEndpoint: the S3 gateway endpoint goes on route table rtb-main, the main route table of vpc-1: every subnet of vpc-1 without its own route table association sends its S3 traffic through it from now on, and turning the setting off or destroying the stack takes that route from all of them",
    ]);
  });

  it("turning it off (or moving it) takes the route away from the main table: a warning naming the table and the VPC", () => {
    const own = view({ stackEndpoint: { id: "vpce-own", routeTableIds: ["rtb-main", "rtb-private"] } });
    const removed =
      "msk-s3-sink:network.s3GatewayEndpoint: this update removes S3 gateway endpoint vpce-own from route table rtb-main, the main route table of vpc-1: every subnet of vpc-1 without its own route table association loses that S3 route (its S3 traffic then takes 0.0.0.0/0, or fails without it)";
    expect(mainRouteTableWarnings(own)).to.deep.equal([removed]);
    expect(mainRouteTableWarnings(own, { ...onMain, routeTableIds: ["rtb-private"] })).to.deep.equal([
      removed,
    ]);
  });

  it("no change on the main table, a table that is not main, or an endpoint that could not be read: no warning", () => {
    const own = view({ stackEndpoint: { id: "vpce-own", routeTableIds: ["rtb-main"] } });
    expect(mainRouteTableWarnings(own, onMain)).to.deep.equal([]);
    expect(mainRouteTableWarnings(view(), { ...onMain, routeTableIds: ["rtb-private"] })).to.deep.equal([]);
    expect(mainRouteTableWarnings(view({ stackEndpoint: undefined }), onMain)).to.deep.equal([]);
  });
});
