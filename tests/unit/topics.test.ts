import { expect } from "chai";
import {
  deleteTopicsScript,
  ensureTopicsScript,
  KafkaToolsTarget,
  PARTITION_DECREASE_EXIT,
} from "../../lib/kafka/topics";
import { topicCommands, topicsSpec } from "../../lib/kafka/topicCommands";
import { parseStackConfig } from "../../lib/config/settings";
import { SSH_KEY } from "../support/fixtures";

const target: KafkaToolsTarget = {
  binDir: "/home/ec2-user/kafka_2.12-2.8.1/bin",
  bootstrapServers: "b-1.x:9098,b-2.x:9098",
  commandConfig: "client.properties",
  toolTimeoutSeconds: 120,
};

const preamble = `set -eu
cd '/home/ec2-user/kafka_2.12-2.8.1/bin'
tool() { _tool=$1; shift; timeout 120 "./$_tool" --bootstrap-server 'b-1.x:9098,b-2.x:9098' --command-config 'client.properties' "$@" || { _rc=$?; [ "$_rc" != 124 ] || echo "$_tool timed out after 120 s (client.toolTimeoutSeconds)" >&2; return "$_rc"; }; }
kt() { tool kafka-topics.sh "$@"; }
kc() { tool kafka-configs.sh "$@"; }
existing=$(kt --list)
has() { printf '%s\\n' "$existing" | grep -qxF -- "$1"; }
`;

describe("topic scripts", () => {
  it("with broker defaults: lists, then creates only what is missing (the walkthrough's command, made idempotent)", () => {
    expect(ensureTopicsScript(target, { names: ["a.pin", "a.geo", "a.user"], configs: {} })).to
      .equal(`${preamble}topics='a.pin a.geo a.user'
for t in $topics; do
  if has "$t"; then
    echo "topic $t exists"
  else
    kt --create --topic "$t" || { existing=$(kt --list); has "$t"; }
    echo "topic $t created"
  fi
done
`);
  });

  it("with sizes and configs: refuses decreases before any change, raises partitions, re-applies configs", () => {
    const script = ensureTopicsScript(target, {
      names: ["a.pin", "a.geo"],
      partitions: 3,
      replicationFactor: 2,
      configs: { "retention.ms": "1000", "cleanup.policy": "compact,delete" },
    });
    expect(script).to.equal(`${preamble}topics='a.pin a.geo'
counts=''
for t in $topics; do if has "$t"; then counts=$(kt --describe --topic '(a\\.pin|a\\.geo)'); break; fi; done
count() { printf '%s\\n' "$counts" | awk -v t="$1" '$1 == "Topic:" && $2 == t { for (i = 3; i < NF; i++) if ($i == "PartitionCount:") print $(i + 1) }'; }
refused=0
for t in $topics; do if has "$t" && [ "$(count "$t")" -gt 3 ]; then echo "topic $t has $(count "$t") partitions; Kafka cannot decrease them to 3" >&2; refused=1; fi; done
[ "$refused" = 0 ] || exit 3
for t in $topics; do
  if has "$t"; then
    if [ "$(count "$t")" -lt 3 ]; then kt --alter --topic "$t" --partitions 3; fi
    kc --alter --entity-type topics --entity-name "$t" --add-config 'retention.ms=1000,cleanup.policy=[compact,delete]'
    echo "topic $t exists"
  else
    kt --create --topic "$t" --partitions 3 --replication-factor 2 --config 'retention.ms=1000' --config 'cleanup.policy=compact,delete' || { existing=$(kt --list); has "$t"; }
    echo "topic $t created"
  fi
done
`);
    expect(PARTITION_DECREASE_EXIT).to.equal(3);
  });

  it("delete removes only topics that exist, so a re-run exits 0", () => {
    expect(deleteTopicsScript(target, ["a.pin", "a.geo"])).to.equal(`${preamble}for t in 'a.pin' 'a.geo'; do
  if has "$t"; then kt --delete --topic "$t"; echo "topic $t deleted"; fi
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
    const cmds = topicCommands(topicsSpec(settings({})), "b:9098");
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
    const cmds = topicCommands(topicsSpec(settings({ deleteOnDestroy: true })), "b:9098");
    expect(cmds.delete).to.equal(
      deleteTopicsScript({ ...target, bootstrapServers: "b:9098", toolTimeoutSeconds: 30 }, [
        "u1.pin",
        "u1.geo",
        "u1.user",
      ]),
    );
  });
});
