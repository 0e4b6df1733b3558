/** A stack of its own on the fixtures' cluster, for the network tests on the mock runtime. */
import { awsInvokes, SECURITY_GROUPS, SSH_KEY, SUBNETS } from "./fixtures";
import { healthyNetwork, networkInvokes, NetworkSpec } from "./network";
import { Inputs, Invokes } from "./pulumiMocks";

const NS = "msk-s3-sink";
export const KEY = `${NS}:sshPrivateKey`;

/** Its config: `network` and `connector` settings as given, the rest the fixtures' cluster's. */
export const config = (network?: Record<string, unknown>, connector?: Record<string, unknown>) => ({
  "aws:region": "us-east-1",
  [`${NS}:userId`]: "u1",
  [KEY]: SSH_KEY,
  [`${NS}:client`]: JSON.stringify({ host: "203.0.113.10" }),
  ...(network ? { [`${NS}:network`]: JSON.stringify(network) } : {}),
  ...(connector ? { [`${NS}:connector`]: JSON.stringify(connector) } : {}),
});

/** The account's lookups with `spec` as the network; records every network lookup with its arguments. */
export function invokes(spec: NetworkSpec, calls: [string, Inputs][] = []): Invokes {
  const network = networkInvokes(spec);
  return {
    ...awsInvokes(),
    ...Object.fromEntries(
      Object.entries(network).map(([token, answer]) => [
        token,
        (a: Inputs) => {
          calls.push([token, a]);
          return answer(a);
        },
      ]),
    ),
  };
}

/** The fixtures' cluster network, but the private table has no route out. */
export function isolated(): NetworkSpec {
  const spec = healthyNetwork(SUBNETS, SECURITY_GROUPS);
  spec.routeTables["rtb-0private"].routes = [];
  return spec;
}

/** Tags that name the stack's project and stack (`pulumi:project`, `pulumi:stack`) on its S3 gateway endpoint. */
export const OWNER = { "pulumi:project": "msk-s3-sink", "pulumi:stack": "dev" };
