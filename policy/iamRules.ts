/** Pure checks on the execution role's documents; each returns problem sentences. */
import { conditionValues, label, list, Statement, statementsOf } from "./documents";

const SERVICE = "kafkaconnect.amazonaws.com";
const NOT_A_DOCUMENT = "is not a JSON policy document with a Statement";
const allows = (s: Statement) => s.Effect === "Allow";

/** A connector's ARN, any uuid: `arn:<partition>:kafkaconnect:<region>:<account>:connector/<name>/…`. */
const CONNECTOR_ARN = /^arn:aws[a-z-]*:kafkaconnect:[a-z0-9-]+:\d{12}:connector\/[^/*?]+\/.+$/;
const CONNECTOR_PATTERN = "arn:<partition>:kafkaconnect:<region>:<account>:connector/<name>/*";

/** Only MSK Connect, acting for one account (`aws:SourceAccount`) and one connector (`aws:SourceArn`), may assume the role. */
export function trustProblems(document: unknown): string[] {
  const statements = statementsOf(document);
  if (!statements) return [`assumeRolePolicy ${NOT_A_DOCUMENT}`];
  if (!statements.some(allows)) return [`assumeRolePolicy has no Allow statement for ${SERVICE}`];
  return statements.flatMap((s, i) => {
    if (!allows(s)) return [];
    const principal = s.Principal as Record<string, unknown> | null | undefined;
    const onlyService =
      typeof principal === "object" &&
      principal !== null &&
      Object.keys(principal).join() === "Service" &&
      list(principal["Service"]).join() === SERVICE;
    const problems: string[] = [];
    if (s.NotPrincipal !== undefined || !onlyService)
      problems.push(
        `${label(s, i)} trusts ${JSON.stringify(s.Principal ?? s.NotPrincipal ?? null)}: only the service ${SERVICE} may assume the execution role`,
      );
    if (conditionValues(s, "aws:SourceAccount").length === 0)
      problems.push(
        `${label(s, i)} has no aws:SourceAccount condition: another account's connector could use the role (confused deputy)`,
      );
    const sources = conditionValues(s, "aws:SourceArn");
    if (sources.length === 0)
      problems.push(
        `${label(s, i)} has no aws:SourceArn condition: any connector in the account could use the role; limit it to ${CONNECTOR_PATTERN}`,
      );
    for (const arn of sources)
      if (typeof arn !== "string" || !CONNECTOR_ARN.test(arn))
        problems.push(
          `${label(s, i)} has aws:SourceArn ${JSON.stringify(arn)}, which is not one connector's ARNs (${CONNECTOR_PATTERN})`,
        );
    return problems;
  });
}

/** Allow statements must name actions and resources: no `*`, no `service:*`, no Not… inversions. */
export function wildcardProblems(document: unknown, what: string): string[] {
  const statements = statementsOf(document);
  if (!statements) return [`${what} ${NOT_A_DOCUMENT}`];
  return statements.flatMap((s, i) => {
    if (!allows(s)) return [];
    const at = `${what} ${label(s, i)}`;
    return [
      ...(s.NotAction !== undefined ? [`${at} uses NotAction: it allows every other action`] : []),
      ...(s.NotResource !== undefined ? [`${at} uses NotResource: it allows every other resource`] : []),
      ...list(s.Action)
        .filter((a) => a === "*" || /^[^:]+:\*$/.test(a))
        .map((a) => `${at} allows Action "${a}": list the actions the connector needs`),
      ...list(s.Resource)
        .filter((r) => r === "*")
        .map(() => `${at} allows Resource "*": name the cluster, topic, group, bucket and key ARNs`),
    ];
  });
}

const KAFKA_ARN =
  /^arn:aws[a-z-]*:kafka:([^:]+):([^:]+):(cluster|topic|group|transactional-id)\/([^/]+)\/([^/]+)(?:\/(.+))?$/;

/** What is wrong with one kafka-cluster resource, and the cluster it names (`region:account:name/uuid`). */
export function kafkaArnProblem(arn: string): { problem?: string; cluster?: string } {
  const m = KAFKA_ARN.exec(arn);
  if (!m)
    return {
      problem: `"${arn}" is not an MSK cluster, topic or group ARN (…:topic/<cluster>/<uuid>/<topic>)`,
    };
  const [, region, account, kind, name, uuid, rest] = m;
  if (/[*?]/.test(`${region}${account}${name}${uuid}`))
    return {
      problem: `"${arn}" does not name one cluster: no wildcards in region, account, cluster name or uuid`,
    };
  const cluster = `${region}:${account}:${name}/${uuid}`;
  if (kind === "cluster" && rest !== undefined)
    return { problem: `"${arn}": a cluster ARN ends at the uuid`, cluster };
  if (kind !== "cluster" && (rest === undefined || rest.startsWith("*")))
    return {
      problem: `"${arn}" grants every ${kind} of the cluster: name them (or a prefix such as connect-* or __amazon_msk_connect_*)`,
      cluster,
    };
  return { cluster };
}

/** kafka-cluster actions apply only to one cluster's ARN and its named topics and groups. */
export function kafkaScopeProblems(document: unknown, what: string): string[] {
  const statements = statementsOf(document);
  if (!statements) return [`${what} ${NOT_A_DOCUMENT}`];
  const clusters = new Set<string>();
  const problems = statements.flatMap((s, i) => {
    if (!allows(s) || !list(s.Action).some((a) => a.toLowerCase().startsWith("kafka-cluster:"))) return [];
    return list(s.Resource).flatMap((arn) => {
      const { problem, cluster } = kafkaArnProblem(arn);
      if (cluster) clusters.add(cluster);
      return problem ? [`${what} ${label(s, i)}: kafka-cluster actions on ${problem}`] : [];
    });
  });
  if (clusters.size > 1)
    problems.push(
      `${what} grants kafka-cluster actions on ${clusters.size} clusters (${[...clusters].join(", ")}): scope it to the connector's cluster`,
    );
  return problems;
}
