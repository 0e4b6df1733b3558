import { expect } from "chai";
import {
  deleteTopicsScript,
  ensureTopicsScript,
  KafkaToolsTarget,
  PARTITION_DECREASE_EXIT,
  REPLICATION_FACTOR_CHANGE_EXIT,
  TOPIC_COLLISION_EXIT,
} from "../../lib/kafka/topics";
import { topicCommands, topicsSpec } from "../../lib/kafka/topicCommands";
import { parseStackConfig } from "../../lib/stackSettings";
import { SSH_KEY } from "../support/fixtures";

const target: KafkaToolsTarget = {
  binDir: "/home/ec2-user/kafka_2.12-2.8.1/bin",
  bootstrapServers: "b-1.x:9098,b-2.x:9098",
  commandConfig: "client.properties",
  toolTimeoutSeconds: 120,
  clusterArn: "arn:aws:kafka:us-east-1:123456789012:cluster/pinterest/0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-2",
};
/** The per-cluster record of the configs the stack set, as the scripts name it. */
const ledger = `ledger="$HOME"/.msk-s3-sink/topic-configs/'arn_aws_kafka_us-east-1_123456789012_cluster_pinterest_0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d-2'`;

const preamble = `set -eu
cd '/home/ec2-user/kafka_2.12-2.8.1/bin'
tool() { _tool=$1; shift; timeout 120 "./$_tool" --bootstrap-server 'b-1.x:9098,b-2.x:9098' --command-config 'client.properties' "$@" || { _rc=$?; [ "$_rc" != 124 ] || echo "$_tool timed out after 120 s (client.toolTimeoutSeconds)" >&2; return "$_rc"; }; }
kt() { tool kafka-topics.sh "$@"; }
kc() { tool kafka-configs.sh "$@"; }
existing=$(kt --list)
has() { printf '%s\\n' "$existing" | grep -qxF -- "$1"; }
`;

/** The refusals every ensure script starts with: a name Kafka treats as an existing topic's (exit 5). */
const collisionCheck = `refused=0
refuse() { echo "$2" >&2; [ "$refused" != 0 ] || refused=$1; }
for t in $topics; do if ! has "$t"; then for e in $(printf '%s\\n' "$existing" | awk -v t="$t" '{ k = $0; u = t; gsub(/\\./, "_", k); gsub(/\\./, "_", u); if (k == u && $0 != t) print }'); do refuse 5 "topic $t collides with existing topic $e: Kafka treats '.' and '_' in topic names as the same; rename $t in topics.names"; done; fi; done
`;
/** The record, and the filter that sorts a topic's dynamic configs by it. */
const recordAndPick = `skip='leader.replication.throttled.replicas follower.replication.throttled.replicas'
${ledger}
mkdir -p "$ledger"
pick() { printf '%s\\n' "$dynamic" | awk -v from="$1" -v not="$2" 'BEGIN { split(from, f, " "); for (i in f) F[f[i]] = 1; split(not, n, " "); for (i in n) N[n[i]] = 1 } /^ +[a-z0-9.]+=/ { sub(/^ +/, ""); k = substr($1, 1, index($1, "=") - 1); if ((from == "*" || k in F) && !(k in N)) s = s (s == "" ? "" : ",") k } END { print s }'; }
for t in $topics; do
  id=$(field "$t" TopicId); id=\${id:--}; rid=-; was=
  [ ! -s "$ledger/$t" ] || read -r rid was < "$ledger/$t" || :
  [ "$rid" = - ] || [ "$id" = - ] || [ "$rid" = "$id" ] || was=
  printf '%s %s\\n' "$id" "$was $ours" > "$ledger/$t"
`;
/** One description of the topics that exist, for their sizes and topic IDs; `field <topic> <name>` reads it. */
const description = (regex: string) => `described=''
for t in $topics; do if has "$t"; then described=$(kt --describe --topic '${regex}'); break; fi; done
field() { printf '%s\\n' "$described" | awk -v t="$1" -v f="$2:" '$1 == "Topic:" && $2 == t { for (i = 3; i < NF; i++) if ($i == f) print $(i + 1) }'; }
`;
/** Deleting the dynamic configs the stack set earlier and no longer sets; reporting the others. */
const staleConfigs = `    dynamic=$(kc --describe --entity-type topics --entity-name "$t")
    stale=$(pick "$was" "$ours $skip")
    if [ -n "$stale" ]; then kc --alter --entity-type topics --entity-name "$t" --delete-config "$stale"; echo "topic $t: deleted configs $stale"; fi
    unmanaged=$(pick '*' "$was $ours $skip")
    if [ -n "$unmanaged" ]; then echo "topic $t: unmanaged configs $unmanaged (not set by the stack, left as they are)"; fi
`;

describe("topic scripts", () => {
  it("with broker defaults: lists, refuses a colliding name, creates only what is missing, deletes only configs it set earlier", () => {
    expect(ensureTopicsScript(target, { names: ["a.pin", "a.geo", "a.user"], configs: {} })).to
      .equal(`${preamble}topics='a.pin a.geo a.user'
${description("(a\\.pin|a\\.geo|a\\.user)")}${collisionCheck}[ "$refused" = 0 ] || exit "$refused"
ours=''
${recordAndPick}  if has "$t"; then
${staleConfigs}    echo "topic $t exists"
  else
    kt --create --topic "$t" || { existing=$(kt --list); has "$t"; }
    echo "topic $t created"
  fi
  printf '%s %s\\n' "$id" "$ours" > "$ledger/$t"
done
`);
  });

  it("with sizes and configs: refuses collisions, decreases and replication-factor changes before any change; raises partitions; sets, records and deletes configs", () => {
    const script = ensureTopicsScript(target, {
      names: ["a.pin", "a.geo"],
      partitions: 3,
      replicationFactor: 2,
      configs: { "retention.ms": "1000", "cleanup.policy": "compact,delete" },
    });
    expect(script).to.equal(`${preamble}topics='a.pin a.geo'
${description("(a\\.pin|a\\.geo)")}${collisionCheck}for t in $topics; do if has "$t" && [ "$(field "$t" PartitionCount)" -gt 3 ]; then refuse 3 "topic $t has $(field "$t" PartitionCount) partitions; Kafka cannot decrease them to 3"; fi; done
for t in $topics; do if has "$t" && [ "$(field "$t" ReplicationFactor)" != 2 ]; then refuse 4 "topic $t has replication factor $(field "$t" ReplicationFactor); kafka-topics.sh cannot change it to 2: reassign its replicas by hand with kafka-reassign-partitions.sh, or set topics.replicationFactor to $(field "$t" ReplicationFactor)"; fi; done
[ "$refused" = 0 ] || exit "$refused"
ours='retention.ms cleanup.policy'
${recordAndPick}  if has "$t"; then
    if [ "$(field "$t" PartitionCount)" -lt 3 ]; then kt --alter --topic "$t" --partitions 3; fi
    kc --alter --entity-type topics --entity-name "$t" --add-config 'retention.ms=1000,cleanup.policy=[compact,delete]'
${staleConfigs}    echo "topic $t exists"
  else
    kt --create --topic "$t" --partitions 3 --replication-factor 2 --config 'retention.ms=1000' --config 'cleanup.policy=compact,delete' || { existing=$(kt --list); has "$t"; }
    echo "topic $t created"
  fi
  printf '%s %s\\n' "$id" "$ours" > "$ledger/$t"
done
`);
    expect([PARTITION_DECREASE_EXIT, REPLICATION_FACTOR_CHANGE_EXIT, TOPIC_COLLISION_EXIT]).to.deep.equal([
      3, 4, 5,
    ]);
  });

  it("a replication factor alone: described and refused on change, partitions left to the broker", () => {
    const script = ensureTopicsScript(target, { names: ["a.pin"], replicationFactor: 3, configs: {} });
    expect(script).to.include(
      `for t in $topics; do if has "$t" && [ "$(field "$t" ReplicationFactor)" != 3 ]; then refuse 4 "topic $t has replication factor $(field "$t" ReplicationFactor); kafka-topics.sh cannot change it to 3: reassign its replicas by hand with kafka-reassign-partitions.sh, or set topics.replicationFactor to $(field "$t" ReplicationFactor)"; fi; done\n`,
    );
    expect(script).to.include(`described=$(kt --describe --topic '(a\\.pin)')`);
    expect(script).to.not.include('field "$t" PartitionCount');
    expect(script).to.include('\n    kt --create --topic "$t" --replication-factor 3 ||');
  });

  it("delete removes only topics that exist, and their record of configs, so a re-run exits 0", () => {
    expect(deleteTopicsScript(target, ["a.pin", "a.geo"])).to.equal(`${preamble}${ledger}
for t in 'a.pin' 'a.geo'; do
  if has "$t"; then kt --delete --topic "$t"; rm -f "$ledger/$t"; echo "topic $t deleted"; fi
done
`);
  });

  it("quotes every configured value as one inert shell word", () => {
    const script = ensureTopicsScript(
      { ...target, bootstrapServers: "b:9098'$(touch /tmp/x)'" },
      { names: ["a"], configs: {} },
    );
    expect(script).to.include(`--bootstrap-server 'b:9098'\\''$(touch /tmp/x)'\\'''`);
  });
});

describe("topicCommands (from stack settings)", () => {
  const settings = (topics: Record<string, unknown>) =>
    parseStackConfig(
      { userId: "u1", sshPrivateKey: SSH_KEY, client: { host: "h", toolTimeoutSeconds: 30 }, topics },
      { stack: "dev", region: "us-east-1" },
    );

  it("create and update are the same ensure script, with the walkthrough's topics and paths", () => {
    const cmds = topicCommands(topicsSpec(settings({})), "b:9098", target.clusterArn);
    expect(cmds.create).to.equal(cmds.update);
    expect(cmds.create).to.equal(
      ensureTopicsScript(
        { ...target, bootstrapServers: "b:9098", toolTimeoutSeconds: 30 },
        { names: ["u1.pin", "u1.geo", "u1.user"], configs: {} },
      ),
    );
    expect(cmds).to.not.have.property("delete");
  });

  it("delete exists only when the stack opted in", () => {
    const cmds = topicCommands(topicsSpec(settings({ deleteOnDestroy: true })), "b:9098", target.clusterArn);
    expect(cmds.delete).to.equal(
      deleteTopicsScript({ ...target, bootstrapServers: "b:9098", toolTimeoutSeconds: 30 }, [
        "u1.pin",
        "u1.geo",
        "u1.user",
      ]),
    );
  });
});
