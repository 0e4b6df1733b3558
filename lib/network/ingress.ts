/** Security group rules: whether they let the workers' traffic through. */
import { BlockList } from "node:net";
import { NetworkView, SecurityGroupRuleView, workerSubnets } from "./view";

/** Who connects: the workers' subnets and security groups. */
export interface IngressNeeds {
  subnetIds: string[];
  workerSecurityGroupIds: string[];
}

/** True when the rule lets TCP traffic on `port` through. */
export function coversTcpPort(rule: SecurityGroupRuleView, port: number): boolean {
  if (rule.ipProtocol === "-1") return true;
  return (
    (rule.ipProtocol === "tcp" || rule.ipProtocol === "6") && rule.fromPort <= port && port <= rule.toPort
  );
}

/** True when IPv4 CIDR `outer` contains all of `inner`: it is no narrower and holds inner's address. */
export function cidrContains(outer: string, inner: string): boolean {
  const [outerIp, outerBits] = outer.split("/");
  const [innerIp, innerBits] = inner.split("/");
  const block = new BlockList();
  block.addSubnet(outerIp, Number(outerBits));
  return Number(outerBits) <= Number(innerBits) && block.check(innerIp);
}

/** Whether `groups` admit the workers (their groups, or CIDRs covering their subnets) on TCP `port`. */
export function admitted(needs: IngressNeeds, view: NetworkView, groups: string[], port: number) {
  const cidrs = workerSubnets(needs.subnetIds, view).map((s) => s.cidrBlock);
  const ingress = view.rules.filter(
    (r) => !r.isEgress && groups.includes(r.securityGroupId) && coversTcpPort(r, port),
  );
  const admits = (r: SecurityGroupRuleView) =>
    (r.referencedSecurityGroupId !== undefined &&
      needs.workerSecurityGroupIds.includes(r.referencedSecurityGroupId)) ||
    (r.cidrIpv4 !== undefined && cidrs.length > 0 && cidrs.every((c) => cidrContains(r.cidrIpv4!, c)));
  return {
    yes: ingress.some(admits),
    /** A managed prefix list the checks cannot read, which may admit them. */
    prefixList: ingress.find((r) => r.prefixListId !== undefined)?.prefixListId,
    from: `security groups ${needs.workerSecurityGroupIds.join(", ")}; subnets ${cidrs.join(", ")}`,
  };
}
