/**
 * The topic scripts against a real Kafka broker over real SSH (see harness.ts), with the
 * walkthrough's Kafka 2.8.1 tools and with current tools. Every assertion about topics reads the
 * broker's real state (kafka-topics --describe, parsed here).
 *
 *   bash it/run.sh                          # as root: it/setup.sh, then this suite
 *   npx mocha --config it/mocharc.json      # this suite only (after it/setup.sh)
 *   npx mocha --spec 'tests/integration/**\/*.test.ts' --timeout 600000
 *                                           # the same plus the unit specs of .mocharc.json
 */
import { expect } from "chai";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError } from "../../lib/config/errors";
import { parseStackConfig } from "../../lib/stackSettings";
import { topicNameProblem } from "../../lib/config/names";
import {
  ensureTopicsScript,
  PARTITION_DECREASE_EXIT,
  REPLICATION_FACTOR_CHANGE_EXIT,
  TOPIC_COLLISION_EXIT,
  unmanagedTopicConfigs,
} from "../../lib/kafka/topics";
import { CLUSTER_ARN, rawConfig, stackCommands, StackCommands, TopicsConfig, STACK } from "./commands";
import { checkPrerequisites, freePort, Harness, requirePrerequisites } from "./harness";
import type { RunResult, TopicState } from "./harness";

/** Tool versions to run every scenario with: what setup installed (2.8.1 and current). */
const VERSIONS = checkPrerequisites().layout?.tools.map((t) => t.version) ?? ["2.8.1", "current"];
const TOOL_TIMEOUT_SECONDS = 15;
const CONFIGS = { "retention.ms": "86400000", "cleanup.policy": "compact,delete" };
const RUN_TAG = crypto.randomBytes(3).toString("hex");
let seq = 0;
/** A fresh userId (so fresh topic names) per test: `it<run>-<n>`. */
const newId = () => `it${RUN_TAG}-${++seq}`;

function show(r: RunResult): string {
  return `exit ${r.code}${r.signal ? ` (${r.signal})` : ""} after ${r.ms} ms\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}
function expectExit(r: RunResult, code: number): void {
  expect(r.code, show(r)).to.equal(code);
}

describe("integration: topic scripts on a real broker over real SSH", function () {
  let h: Harness;

  before(async function () {
    this.timeout(180_000);
    const layout = requirePrerequisites(this);
    h = await Harness.start(layout);
  });

  after(async function () {
    this.timeout(60_000);
    await h?.stop();
  });

  /** The stack's commands for userId `id`, tools `version`, and the given topics block. */
  function commands(
    id: string,
    version: string,
    topics: TopicsConfig,
    bootstrap = h.bootstrapServers,
    clusterArn = CLUSTER_ARN,
  ): StackCommands {
    return stackCommands(
      rawConfig(id, h, h.tools(version), topics, TOOL_TIMEOUT_SECONDS),
      bootstrap,
      clusterArn,
    );
  }
  /** Runs one of the stack's commands over SSH, as remote.Command would. */
  const exec = (c: StackCommands, op: "create" | "update" | "delete") => h.ssh(c[op], { target: c.target });
  const walkthroughNames = (id: string) => [`${id}.geo`, `${id}.pin`, `${id}.user`];
  const topicsOf = (id: string) => h.topicsWithPrefix(`${id}.`);
  const sorted = (m: Map<string, TopicState>) => [...m.keys()].sort();

  function expectSettings(t: TopicState | undefined, partitions: number): void {
    expect(t, "topic missing").to.not.equal(undefined);
    expect(t!.partitions).to.equal(partitions);
    expect(t!.replicationFactor).to.equal(1);
    expect(t!.configs).to.include(CONFIGS);
  }

  for (const version of VERSIONS) {
    describe(`with Kafka ${version} tools`, function () {
      it("creates <id>.pin, <id>.geo, <id>.user with the configured partitions, replication factor and configs", async function () {
        const id = newId();
        const c = commands(id, version, { partitions: 2, replicationFactor: 1, configs: CONFIGS });
        expect(await topicsOf(id)).to.have.property("size", 0);

        const r = await exec(c, "create");
        expectExit(r, 0);
        for (const n of walkthroughNames(id)) expect(r.stdout).to.include(`topic ${n} created`);

        const state = await topicsOf(id);
        expect(sorted(state)).to.deep.equal(walkthroughNames(id));
        for (const n of walkthroughNames(id)) expectSettings(state.get(n), 2);
      });

      it("a second run (create again, then update) exits 0 and changes nothing", async function () {
        const id = newId();
        const c = commands(id, version, { partitions: 2, replicationFactor: 1, configs: CONFIGS });
        expectExit(await exec(c, "create"), 0);
        const before = await topicsOf(id);

        for (const which of ["create", "update"] as const) {
          const r = await exec(c, which);
          expectExit(r, 0);
          for (const n of walkthroughNames(id)) expect(r.stdout).to.include(`topic ${n} exists`);
          expect(r.stdout).to.not.include("created");
          expect(r.stdout).to.not.include("deleted configs");
        }
        // Same topic ids (not re-created), partitions, replication factor and configs.
        expect(await topicsOf(id)).to.deep.equal(before);
      });

      it("kafka-topics.sh --create --if-not-exists with --bootstrap-server: accepted, exit 0 when the topic exists (finding)", async function () {
        const id = newId();
        const c = commands(id, version, { names: [`${id}.probe`] });
        expectExit(await exec(c, "create"), 0);
        const before = await topicsOf(id);
        // A probe of the tool itself (not the script's text): the walkthrough's own command plus
        // --if-not-exists, for an existing and for a new topic, and --delete --if-exists for a
        // missing one.
        const common = `--bootstrap-server ${h.bootstrapServers} --command-config client.properties`;
        const bin = h.tools(version).binDir;
        const tool = (args: string) => h.ssh(`cd ${bin} && ./kafka-topics.sh ${common} ${args}`);

        const existing = await tool(`--create --if-not-exists --topic ${id}.probe`);
        expectExit(existing, 0);
        expect(existing.stdout).to.not.include("Created topic");
        expect(existing.stderr).to.not.match(/Exception|not supported|is not a recognized option/);
        expect(await topicsOf(id)).to.deep.equal(before);

        const fresh = await tool(`--create --if-not-exists --topic ${id}.probe2`);
        expectExit(fresh, 0);
        expect(fresh.stdout).to.include(`Created topic ${id}.probe2`);
        expect(sorted(await topicsOf(id))).to.deep.equal([`${id}.probe`, `${id}.probe2`]);

        const without = await tool(`--create --topic ${id}.probe`);
        expect(without.code, show(without)).to.not.equal(0);
        expect(without.stdout + without.stderr).to.include("already exists");

        const missing = await tool(`--delete --if-exists --topic ${id}.nothing`);
        expectExit(missing, 0);
      });

      it("a topic added to the list later is created; the existing ones are untouched", async function () {
        const id = newId();
        const topics = { partitions: 2, replicationFactor: 1, configs: CONFIGS };
        expectExit(await exec(commands(id, version, topics), "create"), 0);
        const before = await topicsOf(id);

        const grown = commands(id, version, { ...topics, names: [...walkthroughNames(id), `${id}.extra`] });
        const r = await exec(grown, "update");
        expectExit(r, 0);
        expect(r.stdout).to.include(`topic ${id}.extra created`);

        const after = await topicsOf(id);
        expect(sorted(after)).to.deep.equal([`${id}.extra`, ...walkthroughNames(id)].sort());
        expectSettings(after.get(`${id}.extra`), 2);
        for (const n of walkthroughNames(id)) expect(after.get(n)).to.deep.equal(before.get(n));
      });

      it("raises partitions; refuses a decrease with exit 3 before changing anything", async function () {
        const id = newId();
        const base = { partitions: 2, replicationFactor: 1, configs: CONFIGS };
        expectExit(await exec(commands(id, version, base), "create"), 0);
        const created = await topicsOf(id);

        expectExit(await exec(commands(id, version, { ...base, partitions: 4 }), "update"), 0);
        const raised = await topicsOf(id);
        for (const n of walkthroughNames(id)) {
          expectSettings(raised.get(n), 4);
          expect(raised.get(n)!.topicId).to.equal(created.get(n)!.topicId);
        }

        // Decrease plus a new topic in the same run: refused up front, the new topic not created.
        const names = [...walkthroughNames(id), `${id}.new`];
        const shrink = commands(id, version, { ...base, partitions: 1, names });
        const r = await exec(shrink, "update");
        expectExit(r, PARTITION_DECREASE_EXIT);
        expect(PARTITION_DECREASE_EXIT).to.equal(3);
        for (const n of walkthroughNames(id))
          expect(r.stderr).to.include(`topic ${n} has 4 partitions; Kafka cannot decrease them to 1`);
        expect(r.stdout).to.not.include("created");
        expect(await topicsOf(id)).to.deep.equal(raised);
      });

      /** A Kafka tool run by hand on the EC2 client, as an operator (or another tool) would. */
      const byHand = (tool: string, args: string) =>
        h.ssh(
          `cd ${h.tools(version).binDir} && ./${tool} --bootstrap-server ${h.bootstrapServers} --command-config client.properties ${args}`,
        );
      /**
       * What the script reports: topic → keys, sorted (2.8.1 and 4.1.1 list configs in different orders); the
       * unmanaged ones as the program reads them for its stack output.
       */
      const report = (r: RunResult, kind: "deleted" | "unmanaged") =>
        kind === "unmanaged"
          ? Object.entries(unmanagedTopicConfigs(r.stdout))
          : r.stdout
              .split("\n")
              .map((l) => /^topic (\S+): deleted configs (\S+)$/.exec(l))
              .filter((m) => m !== null)
              .map((m) => [m[1], m[2].split(",").sort()]);

      it(`refuses a replication-factor change with exit ${REPLICATION_FACTOR_CHANGE_EXIT} before changing anything, naming topic, current and wanted factor`, async function () {
        const id = newId();
        const base = { partitions: 2, replicationFactor: 1, configs: CONFIGS };
        expectExit(await exec(commands(id, version, base), "create"), 0);
        const created = await topicsOf(id);

        // Wanted: factor 2, more partitions, a new topic; nothing of it may happen.
        const names = [...walkthroughNames(id), `${id}.new`];
        const r = await exec(
          commands(id, version, { ...base, partitions: 3, replicationFactor: 2, names }),
          "update",
        );
        expectExit(r, REPLICATION_FACTOR_CHANGE_EXIT);
        expect(REPLICATION_FACTOR_CHANGE_EXIT).to.equal(4);
        for (const n of walkthroughNames(id))
          expect(r.stderr).to.include(
            `topic ${n} has replication factor 1; kafka-topics.sh cannot change it to 2: reassign its replicas by hand with kafka-reassign-partitions.sh, or set topics.replicationFactor to 1\n`,
          );
        expect(r.stdout).to.not.include("created");
        expect(await topicsOf(id)).to.deep.equal(created);
      });

      it("configs set by hand survive a rerun and are reported as unmanaged; a config the stack set and no longer lists is deleted; replication throttles stay", async function () {
        const id = newId();
        const [first, second] = walkthroughNames(id);
        const names = [first, second];
        const ours = { "max.message.bytes": "2000000" };
        const topics = (configs: Record<string, string>) => ({
          names,
          partitions: 1,
          replicationFactor: 1,
          configs,
        });
        expectExit(await exec(commands(id, version, topics(ours)), "create"), 0);
        // By hand, as an operator would on the walkthrough's topic: a retention, compaction and a reassignment's throttles.
        const hand = { "retention.ms": "86400000", "cleanup.policy": "compact" };
        const throttles = {
          "leader.replication.throttled.replicas": "*",
          "follower.replication.throttled.replicas": "*",
        };
        const addConfig = Object.entries({ ...hand, ...throttles })
          .map(([k, v]) => `${k}=${v}`)
          .join(",");
        expectExit(
          await byHand(
            "kafka-configs.sh",
            `--alter --entity-type topics --entity-name ${first} --add-config ${addConfig}`,
          ),
          0,
        );
        const byHandReported = [[first, ["cleanup.policy", "retention.ms"]]];

        // Another broker list changes the script, so remote.Command runs it again: nothing is deleted.
        const before = commands(id, version, topics(ours));
        const moved = commands(id, version, topics(ours), `${h.bootstrapServers},${h.bootstrapServers}`);
        expect(moved.update).to.not.equal(before.update);
        const rerun = await exec(moved, "update");
        expectExit(rerun, 0);
        expect(report(rerun, "deleted"), show(rerun)).to.deep.equal([]);
        expect(report(rerun, "unmanaged"), show(rerun)).to.deep.equal(byHandReported);
        // (kafka-topics.sh --describe also lists the broker's own non-default settings, so: include.)
        let state = await topicsOf(id);
        expect(state.get(first)!.configs).to.include({ ...ours, ...hand, ...throttles });
        expect(state.get(second)!.configs).to.include(ours).and.not.have.any.keys(Object.keys(hand));

        // The stack no longer lists the config it set: it goes, from both topics; the hand-set ones stay.
        const dropped = await exec(commands(id, version, topics({})), "update");
        expectExit(dropped, 0);
        expect(report(dropped, "deleted"), show(dropped)).to.deep.equal([
          [first, ["max.message.bytes"]],
          [second, ["max.message.bytes"]],
        ]);
        expect(report(dropped, "unmanaged"), show(dropped)).to.deep.equal(byHandReported);
        state = await topicsOf(id);
        expect(state.get(first)!.configs).to.include({ ...hand, ...throttles });
        for (const n of names) expect(state.get(n)!.configs, n).to.not.have.any.keys(Object.keys(ours));

        // Settled: a further run deletes nothing.
        const again = await exec(commands(id, version, topics({})), "update");
        expectExit(again, 0);
        expect(report(again, "deleted")).to.deep.equal([]);

        // A client or cluster with no record of what the stack set (a new EC2 client) deletes nothing: it reports.
        expectExit(await exec(commands(id, version, topics(ours)), "update"), 0);
        const otherArn = `${CLUSTER_ARN}-other-${id}`;
        const unrecorded = await exec(
          commands(id, version, topics({}), h.bootstrapServers, otherArn),
          "update",
        );
        expectExit(unrecorded, 0);
        expect(report(unrecorded, "deleted"), show(unrecorded)).to.deep.equal([]);
        expect(report(unrecorded, "unmanaged"), show(unrecorded)).to.deep.equal([
          [first, ["cleanup.policy", "max.message.bytes", "retention.ms"]],
          [second, ["max.message.bytes"]],
        ]);
        expect((await topicsOf(id)).get(second)!.configs).to.include(ours);
      });

      it("a topic deleted and recreated by hand keeps the configs set on it by hand, though the stack had set the same keys on the old one", async function () {
        const id = newId();
        const [first, second] = walkthroughNames(id);
        const ours = { "retention.ms": "3600000", "max.message.bytes": "2000000" };
        const topics = (configs: Record<string, string>) => ({
          names: [first, second],
          partitions: 1,
          replicationFactor: 1,
          configs,
        });
        expectExit(await exec(commands(id, version, topics(ours)), "create"), 0);
        // Any later run of the script (here: the same again) records which topic it set them on.
        expectExit(await exec(commands(id, version, topics(ours)), "update"), 0);
        // By hand: the first topic deleted and made again, with a retention of the operator's own.
        expectExit(await byHand("kafka-topics.sh", `--delete --topic ${first}`), 0);
        for (let i = 0; (await topicsOf(id)).has(first); i++) {
          expect(i, `${first} still listed`).to.be.below(60);
          await new Promise((r) => setTimeout(r, 500));
        }
        expectExit(
          await byHand(
            "kafka-topics.sh",
            `--create --topic ${first} --partitions 1 --replication-factor 1 --config retention.ms=86400000`,
          ),
          0,
        );
        // The stack stops setting both: they go from the topic it set them on, never from the new one.
        const dropped = await exec(commands(id, version, topics({})), "update");
        expectExit(dropped, 0);
        expect(report(dropped, "deleted"), show(dropped)).to.deep.equal([
          [second, ["max.message.bytes", "retention.ms"]],
        ]);
        expect(report(dropped, "unmanaged"), show(dropped)).to.deep.equal([[first, ["retention.ms"]]]);
        const state = await topicsOf(id);
        expect(state.get(first)!.configs).to.include({ "retention.ms": "86400000" });
        expect(state.get(second)!.configs, second).to.not.have.any.keys(Object.keys(ours));
      });

      it(`refuses a topic whose name collides with an existing one ('.' vs '_') with exit ${TOPIC_COLLISION_EXIT}, before creating any`, async function () {
        const id = newId();
        expectExit(
          await byHand("kafka-topics.sh", `--create --topic ${id}_pin --partitions 1 --replication-factor 1`),
          0,
        );
        const r = await exec(commands(id, version, { partitions: 1, replicationFactor: 1 }), "create");
        expectExit(r, TOPIC_COLLISION_EXIT);
        expect(TOPIC_COLLISION_EXIT).to.equal(5);
        expect(r.stderr).to.include(
          `topic ${id}.pin collides with existing topic ${id}_pin: Kafka treats '.' and '_' in topic names as the same; rename ${id}.pin in topics.names\n`,
        );
        expect(r.stdout).to.not.include("created");
        expect(await topicsOf(id)).to.have.property("size", 0);
      });

      it("legal but awkward names (leading '-', '.' with '_') are data, not options: ensure, re-run, delete", async function () {
        const id = newId();
        const names = [`-${id}.dash`, `${id}_under.score`];
        const c = commands(id, version, { names, partitions: 2, replicationFactor: 1, configs: CONFIGS });
        expectExit(await exec(c, "create"), 0);
        const created = new Map([...(await h.describeTopics())].filter(([n]) => names.includes(n)));
        expect(sorted(created)).to.deep.equal([...names].sort());
        for (const n of names) expectSettings(created.get(n), 2);

        const again = await exec(c, "update");
        expectExit(again, 0);
        for (const n of names) expect(again.stdout).to.include(`topic ${n} exists`);

        expectExit(await exec(c, "delete"), 0);
        expect([...(await h.describeTopics()).keys()].filter((n) => names.includes(n))).to.deep.equal([]);
      });

      it("a replication factor above the broker count fails with Kafka's reason and creates nothing", async function () {
        const id = newId();
        const c = commands(id, version, { partitions: 1, replicationFactor: 2, configs: CONFIGS });
        const r = await exec(c, "create");
        expect(r.code, show(r)).to.not.equal(0);
        expect(r.stderr).to.match(/InvalidReplicationFactorException: /);
        expect(r.stderr).to.match(/replication factor of 2 cannot be reached because only 1 broker/);
        expect(await topicsOf(id)).to.have.property("size", 0);
      });

      it("delete removes the topics; a second delete exits 0", async function () {
        const id = newId();
        const c = commands(id, version, { partitions: 1, replicationFactor: 1, configs: CONFIGS });
        expectExit(await exec(c, "create"), 0);
        expect(sorted(await topicsOf(id))).to.deep.equal(walkthroughNames(id));

        const r = await exec(c, "delete");
        expectExit(r, 0);
        for (const n of walkthroughNames(id)) expect(r.stdout).to.include(`topic ${n} deleted`);
        expect(await topicsOf(id)).to.have.property("size", 0);

        const again = await exec(c, "delete");
        expectExit(again, 0);
        expect(again.stdout).to.not.include("deleted");
      });

      it(`broker down: fails within toolTimeoutSeconds (${TOOL_TIMEOUT_SECONDS} s) with Kafka's error on stderr`, async function () {
        const id = newId();
        const closed = await freePort(); // nothing listens there
        const topics = { partitions: 1, replicationFactor: 1, configs: CONFIGS };
        const c = commands(id, version, topics, `127.0.0.1:${closed}`);
        const r = await exec(c, "create");
        expect(r.code, show(r)).to.not.equal(0);
        expect(r.code, show(r)).to.equal(124); // coreutils timeout: the tool was still retrying
        expect(r.stderr).to.include(`127.0.0.1:${closed}`);
        expect(r.stderr).to.include(
          `kafka-topics.sh timed out after ${TOOL_TIMEOUT_SECONDS} s (client.toolTimeoutSeconds)`,
        );
        expect(r.stderr).to.match(/could not be established\. (Node|Broker) may not be available/);
        expect(r.ms).to.be.within((TOOL_TIMEOUT_SECONDS - 1) * 1000, (TOOL_TIMEOUT_SECONDS + 15) * 1000);
        expect(await topicsOf(id)).to.have.property("size", 0);
      });

      it("paths and bootstrap servers are inert in the script: no shell interpretation (canary)", async function () {
        const id = newId();
        const home = h.layout.home;
        const canary = `canary-${RUN_TAG}-${seq}`;
        // Shell syntax that would create ~/<canary> if anything evaluated it. No '/' so it can be a
        // file name; `cd` with no argument goes to $HOME.
        const hostile = `x $(cd;touch ${canary}) \`cd;touch ${canary}\` ;cd;touch ${canary}; && cd || touch ${canary} 'q' "dq" \\ * ? <in >out`;
        const root = path.join(home, `it-hostile-${id}`);
        const canaries = () => fs.readdirSync(home).filter((f) => f.startsWith("canary-"));
        const { uid, gid } = fs.statSync(home);
        try {
          // binDir: a symlink with the hostile name to the real bin dir; commandConfig: a copy of
          // client.properties under the hostile name.
          fs.mkdirSync(root, { mode: 0o755 });
          const binDir = path.join(root, hostile);
          fs.symlinkSync(h.tools(version).binDir, binDir);
          const commandConfig = path.join(root, `${hostile}.properties`);
          fs.copyFileSync(path.join(h.tools(version).binDir, "client.properties"), commandConfig);
          for (const p of [root, commandConfig]) fs.chownSync(p, uid, gid);
          fs.lchownSync(binDir, uid, gid);

          // Such paths fail config validation (next describe), so this goes to the script builder
          // directly: the script must stay correct even for values config would never pass.
          const names = walkthroughNames(id);
          const toolTimeoutSeconds = TOOL_TIMEOUT_SECONDS;
          const script = ensureTopicsScript(
            // The cluster ARN names the record's directory: it too stays one inert word.
            {
              binDir,
              bootstrapServers: h.bootstrapServers,
              commandConfig,
              toolTimeoutSeconds,
              clusterArn: `${CLUSTER_ARN}${hostile}`,
            },
            { names, partitions: 1, replicationFactor: 1, configs: CONFIGS },
          );
          const r = await h.ssh(script);
          expectExit(r, 0);
          expect(sorted(await topicsOf(id))).to.deep.equal(names);
          expect(canaries()).to.deep.equal([]);

          // bootstrapServers comes from the cluster lookup, not from validated config: through the
          // stack's own command builder it reaches the tool as one word, which rejects it.
          const c = commands(newId(), version, { partitions: 1 }, `${h.bootstrapServers}${hostile}`);
          const bad = await exec(c, "create");
          expect(bad.code, show(bad)).to.not.equal(0);
          expect(canaries()).to.deep.equal([]);
        } finally {
          fs.rmSync(root, { recursive: true, force: true });
          for (const f of canaries()) fs.rmSync(path.join(home, f), { force: true });
        }
      });
    });
  }

  describe("unreachable EC2 client", function () {
    it("ssh to a closed loopback port fails fast and the error names the host", async function () {
      const port = await freePort();
      const c = commands(newId(), VERSIONS[0], {});
      const r = await h.ssh(c.create, { target: { ...c.target, port } });
      expect(r.code, show(r)).to.equal(255);
      expect(r.stderr).to.include(`connect to host 127.0.0.1 port ${port}`);
      expect(r.ms).to.be.below(10_000);
    });
  });
});

describe("integration: hostile topic names never reach a command", function () {
  const HOSTILE = [
    "a;rm -rf ~",
    "$(id)",
    "`id`",
    "it'quote",
    'it"dquote',
    "with space",
    "new\nline",
    "x".repeat(250),
    "..",
    ".",
    "a|b",
    "a&b",
  ];
  const dummyHost = {
    sshTarget: { host: "127.0.0.1", port: 22, user: "kafkait" },
    privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-key\n-----END OPENSSH PRIVATE KEY-----\n",
  };
  const tools = { version: "2.8.1", binDir: "/home/kafkait/kafka_2.12-2.8.1/bin" };

  it("the baseline config is valid (so each rejection below is the name's)", function () {
    const raw = rawConfig("it-names", dummyHost, tools, { names: ["it-names.pin"] });
    expect(() => parseStackConfig(raw, STACK)).to.not.throw();
  });

  for (const name of HOSTILE) {
    it(`rejects ${JSON.stringify(name.length > 40 ? `${name.slice(0, 10)}…(${name.length} chars)` : name)}`, function () {
      const problem = topicNameProblem(name);
      expect(problem, name).to.be.a("string");
      let thrown: unknown;
      try {
        parseStackConfig(rawConfig("it-names", dummyHost, tools, { names: ["it-names.pin", name] }), STACK);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).to.be.instanceOf(ConfigError);
      // Exactly one problem, about the second topic name, quoting the name rule.
      const problems = (thrown as ConfigError).problems;
      expect(problems, problems.join("\n")).to.have.length(1);
      expect(problems[0]).to.match(/topics\.names\W+1/);
      expect(problems[0]).to.include(problem!);
    });
  }

  it("rejects hostile kafkaBinDir, commandConfig and userId values", function () {
    const cases: [key: string, path: string[], value: string][] = [
      ["client.kafkaBinDir", ["client", "kafkaBinDir"], "/home/kafkait/$(touch x)/bin"],
      ["client.kafkaBinDir", ["client", "kafkaBinDir"], "/home/kafkait/kafka bin"],
      ["client.commandConfig", ["client", "commandConfig"], "client.properties;id"],
      ["userId", ["userId"], "a;rm -rf ~"],
    ];
    for (const [key, [first, second], value] of cases) {
      const raw = rawConfig("it-names", dummyHost, tools, {});
      if (second === undefined) raw[first] = value;
      else (raw[first] as Record<string, unknown>)[second] = value;
      expect(() => parseStackConfig(raw, STACK), `${key} = ${value}`).to.throw(ConfigError, key);
    }
  });
});
