/** The ingress rule scripts/ci/ssh-ingress.ts opens: which addresses qualify, and its AWS CLI form. */

/** The rule this job opened, kept between the open and close steps. */
export interface Opened {
  groupId: string;
  region: string;
  cidr: string;
  port: number;
}

/** Descriptions start with this, so a later run of the same stack can find a rule that was never closed. */
export const descriptionPrefix = (stack: string) => `msk-s3-sink CI ${stack} `;

/** Why an address is not one runner's public IPv4 address, or undefined when it is. */
export function publicIpv4Problem(ip: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return `"${ip}" is not an IPv4 address`;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (m.slice(1).some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith("0"))))
    return `"${ip}" is not an IPv4 address`;
  const privateOrSpecial =
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b < 128) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168);
  return privateOrSpecial ? `${ip} is not a public address` : undefined;
}

/** The `--ip-permissions` JSON for one tcp port from one /32. */
export function ipPermissions(cidr: string, port: number, description?: string): string {
  const range = description === undefined ? { CidrIp: cidr } : { CidrIp: cidr, Description: description };
  return JSON.stringify([{ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: [range] }]);
}

/** `aws ec2 <action> --region <region> …`, the form of every call the script makes. */
const ec2 = (action: string, region: string, ...rest: string[]) => [
  "ec2",
  action,
  "--region",
  region,
  ...rest,
];

/** Lists the group's rules. */
export const describeRulesArgs = (region: string, groupId: string) =>
  ec2(
    "describe-security-group-rules",
    region,
    "--filters",
    `Name=group-id,Values=${groupId}`,
    "--output",
    "json",
  );

/** Allows the rule, with the description that marks it as this stack's. */
export const authorizeArgs = (o: Opened, description: string) =>
  ec2(
    "authorize-security-group-ingress",
    o.region,
    "--group-id",
    o.groupId,
    "--ip-permissions",
    ipPermissions(o.cidr, o.port, description),
  );

/** Removes the rule (a description need not match). */
export const revokeArgs = (o: Opened) =>
  ec2(
    "revoke-security-group-ingress",
    o.region,
    "--group-id",
    o.groupId,
    "--ip-permissions",
    ipPermissions(o.cidr, o.port),
  );

/** Where the runner learns its public address: AWS's own checkip endpoint. */
export const CHECKIP_ARGS = ["-fsS", "--max-time", "10", "https://checkip.amazonaws.com"];
