/**
 * Integration harness: a real single-node KRaft broker on 127.0.0.1 and a real sshd on a loopback
 * port, both started per run in a temp dir and stopped (also on failure). Commands reach the
 * "EC2 client" the way @pulumi/command's remote.Command does: one SSH exec of the whole command
 * string, which sshd hands to the user's login shell as `$SHELL -c <command>`.
 *
 * Prerequisites (jars, test user, sshd) come from `bash it/setup.sh`, which writes .it/layout.json.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "../..");
export const LAYOUT_FILE = path.join(REPO, ".it", "layout.json");
/** Set to 1 to skip the integration tests (loudly) where the harness cannot be installed. */
export const SKIP_ENV = "MSK_S3_SINK_SKIP_INTEGRATION";
/** Set to 1 to keep the temp dir (broker and sshd logs, keys) after the run. */
export const KEEP_ENV = "MSK_S3_SINK_IT_KEEP";

/** One set of Kafka command-line tools in the test user's home, laid out like the walkthrough's. */
export interface ToolsLayout {
  /** Kafka version of the tools, e.g. "2.8.1". */
  version: string;
  /** Absolute path of the bin dir holding kafka-topics.sh, kafka-configs.sh and client.properties. */
  binDir: string;
}

/** What it/setup.sh installed (.it/layout.json). */
export interface Layout {
  user: string;
  home: string;
  sshd: string;
  /** moto's S3-API server (verify's S3 half). */
  motoServer: string;
  /** The AWS CLI (version 1, from PyPI), for the docs' `aws` commands. */
  awsCli: string;
  brokerJars: string;
  brokerVersion: string;
  tools: ToolsLayout[];
}

/** Outcome of one process run. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds. */
  ms: number;
}

/** Where and as whom to SSH (the fields of remote.Command's `connection` the harness needs). */
export interface SshTarget {
  host: string;
  port: number;
  user: string;
}

/** A topic as the broker reports it (`kafka-topics.sh --describe`). */
export interface TopicState {
  topicId: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level overrides from the describe output's `Configs:` column. */
  configs: Record<string, string>;
}

const SETUP_HINT =
  "run `bash it/setup.sh` as root (installs openssh-server and the Kafka jars, adds the test user)";

/** Reads .it/layout.json and checks that everything it names is there; returns what is missing. */
export function checkPrerequisites(): { layout?: Layout; problems: string[] } {
  const problems: string[] = [];
  if (!fs.existsSync(LAYOUT_FILE)) return { problems: [`${LAYOUT_FILE} is missing`] };
  const layout = JSON.parse(fs.readFileSync(LAYOUT_FILE, "utf8")) as Layout;
  const need = (p: string, what: string) => {
    if (!fs.existsSync(p)) problems.push(`${what} is missing: ${p}`);
  };
  need(layout.sshd, "sshd");
  need(layout.motoServer, "moto's S3 server");
  need(layout.awsCli, "the AWS CLI");
  need(path.join(layout.brokerJars, `kafka_2.13-${layout.brokerVersion}.jar`), "the broker jar");
  for (const t of layout.tools) {
    const files = [
      "kafka-topics.sh",
      "kafka-configs.sh",
      "kafka-console-producer.sh",
      "kafka-verifiable-producer.sh",
      "kafka-consumer-groups.sh",
    ];
    for (const f of [...files, "client.properties"]) need(path.join(t.binDir, f), `Kafka ${t.version} tools`);
    need(path.join(t.binDir, "..", "libs"), `Kafka ${t.version} jars`);
  }
  for (const tool of ["ssh", "ssh-keygen", "java", "timeout"])
    if (!process.env.PATH?.split(":").some((d) => fs.existsSync(path.join(d, tool))))
      problems.push(`${tool} is not on PATH`);
  if (process.getuid?.() !== 0) problems.push("the harness runs sshd and must run as root");
  return { layout, problems };
}

/**
 * For a mocha `before` hook: the layout when everything is installed; otherwise skips (when
 * MSK_S3_SINK_SKIP_INTEGRATION=1, with a loud message) or throws saying to run it/setup.sh.
 */
export function requirePrerequisites(ctx: Mocha.Context): Layout {
  const { layout, problems } = checkPrerequisites();
  if (layout && problems.length === 0) return layout;
  const list = problems.map((p) => `  - ${p}`).join("\n");
  if (process.env[SKIP_ENV] === "1") {
    const bar = "!".repeat(100);
    const why = `SKIPPING the integration tests (${SKIP_ENV}=1): prerequisites missing:\n${list}`;
    console.warn(`\n${bar}\n!! ${why}\n!! To run them: ${SETUP_HINT}.\n${bar}\n`);
    ctx.skip();
  }
  const fix = `To fix: ${SETUP_HINT}, or set ${SKIP_ENV}=1 to skip these tests.`;
  throw new Error(`Integration prerequisites missing:\n${list}\n${fix}`);
}

/** Runs a program (no shell) and collects its output; kills it (SIGKILL) after timeoutMs. */
export function run(
  file: string,
  args: readonly string[],
  opts: { timeoutMs: number; cwd?: string },
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (and that nothing listens on afterwards). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return `(no ${file})`;
  }
}

/** Every process group the harness started, killed synchronously if node exits before stop(). */
const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of live) {
    try {
      process.kill(-c.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
});

export function startDaemon(file: string, args: string[], logFile: string): ChildProcess {
  const fd = fs.openSync(logFile, "a");
  // Own process group (detached), output to a file: nothing blocks on a full pipe while the
  // tests wait, and the whole group can be killed at the end.
  const child = spawn(file, args, { detached: true, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  live.add(child);
  child.on("exit", () => live.delete(child));
  return child;
}

export async function stopDaemon(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Parses `kafka-topics.sh --describe` output (2.8.1 and 3.x/4.x print the same summary line). */
export function parseDescribe(out: string): Map<string, TopicState> {
  const topics = new Map<string, TopicState>();
  for (const line of out.split("\n")) {
    if (!line.startsWith("Topic:")) continue; // partition lines start with a tab
    const fields = new Map<string, string>();
    for (const cell of line.split("\t")) {
      const i = cell.indexOf(":");
      if (i > 0) fields.set(cell.slice(0, i).trim(), cell.slice(i + 1).trim());
    }
    const configs: Record<string, string> = {};
    const raw = fields.get("Configs") ?? "";
    // "a=1,cleanup.policy=compact,delete,b=2": a comma starts a new entry only before `name=`.
    for (const entry of raw === "" ? [] : raw.split(/,(?=[A-Za-z0-9._-]+=)/)) {
      const eq = entry.indexOf("=");
      configs[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    topics.set(fields.get("Topic")!, {
      topicId: fields.get("TopicId") ?? "",
      partitions: Number(fields.get("PartitionCount")),
      replicationFactor: Number(fields.get("ReplicationFactor")),
      configs,
    });
  }
  return topics;
}

export class Harness {
  /** Bootstrap servers of the running broker. */
  bootstrapServers = "";
  /** Where the test user's sshd listens (127.0.0.1). */
  sshPort = 0;
  /** The test user's private key (OpenSSH format), as a stack would hold it in `sshPrivateKey`. */
  privateKey = "";
  private broker?: ChildProcess;
  private saslUsers?: Record<string, string>;
  private sshd?: ChildProcess;
  private readonly keyFile: string;
  private readonly authorizedKeys: string;
  /** Comment of this run's key in authorized_keys: runs from several clones can share the user. */
  private readonly keyComment = `msk-s3-sink-it-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

  private constructor(
    readonly layout: Layout,
    /** Temp dir with the broker's storage and config, sshd's config and keys, and the logs. */
    readonly dir: string,
  ) {
    this.keyFile = path.join(dir, "id_ed25519");
    this.authorizedKeys = path.join(layout.home, ".ssh", "authorized_keys");
  }

  /** Bootstrap servers of the SASL/PLAIN listener (only with `start(layout, { saslUsers })`). */
  saslBootstrapServers = "";

  /**
   * Starts broker and sshd; on any failure stops what it started and rethrows (with log tails).
   * `saslUsers` (name → password) adds a SASL_PLAINTEXT listener with PLAIN and Kafka's StandardAuthorizer
   * (KRaft), no ACLs and `super.users=User:ANONYMOUS`: the PLAINTEXT listener and the controller keep every
   * right, while a SASL user is refused what no ACL grants (a real TopicAuthorizationException).
   */
  static async start(layout: Layout, opts: { saslUsers?: Record<string, string> } = {}): Promise<Harness> {
    const h = new Harness(layout, fs.mkdtempSync(path.join(os.tmpdir(), "msk-s3-sink-it-")));
    h.saslUsers = opts.saslUsers;
    process.once("exit", () => h.removeKey()); // daemons: see `live`
    try {
      await Promise.all([h.startBroker(), h.startSshd()]);
      return h;
    } catch (e) {
      await h.stop();
      throw e;
    }
  }

  /** The SSH target of the test user. */
  get sshTarget(): SshTarget {
    return { host: "127.0.0.1", port: this.sshPort, user: this.layout.user };
  }

  /** Tools of one Kafka version; throws for a version setup did not install. */
  tools(version: string): ToolsLayout {
    const t = this.layout.tools.find((x) => x.version === version);
    if (!t) throw new Error(`no Kafka ${version} tools in ${LAYOUT_FILE}`);
    return t;
  }

  private async startBroker(): Promise<void> {
    const [port, controllerPort, saslPort] = [await freePort(), await freePort(), await freePort()];
    const data = path.join(this.dir, "kafka-data");
    const props = path.join(this.dir, "server.properties");
    const users = Object.entries(this.saslUsers ?? {});
    const sasl = users.length > 0 ? `,SASL_PLAINTEXT://127.0.0.1:${saslPort}` : "";
    fs.writeFileSync(
      props,
      [
        "process.roles=broker,controller",
        "node.id=1",
        `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${sasl}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port}${sasl}`,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
        ...(users.length > 0
          ? [
              "sasl.enabled.mechanisms=PLAIN",
              `listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${users.map(([u, p]) => `user_${u}="${p}"`).join(" ")};`,
              "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
              "super.users=User:ANONYMOUS",
            ]
          : []),
        `log.dirs=${data}`,
        "num.partitions=1",
        "default.replication.factor=1",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "auto.create.topics.enable=false",
        "group.initial.rebalance.delay.ms=0",
        "",
      ].join("\n"),
    );
    const log4j = path.join(this.dir, "broker-log4j2.properties");
    fs.writeFileSync(
      log4j,
      [
        "status = warn",
        "appender.out.type = Console",
        "appender.out.name = STDOUT",
        "appender.out.layout.type = PatternLayout",
        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.out.ref = STDOUT",
        "",
      ].join("\n"),
    );
    const cp = `${this.layout.brokerJars}/*`;
    const jvm = ["-Xmx512m", "-XX:+UseSerialGC", `-Dlog4j2.configurationFile=${log4j}`, "-cp", cp];
    const clusterId = crypto.randomBytes(16).toString("base64url");
    // One argument: a base64url id may start with "-", which the parser would take for an option.
    const formatArgs = ["kafka.tools.StorageTool", "format", `--cluster-id=${clusterId}`, "-c", props];
    const format = await run("java", [...jvm, ...formatArgs], { timeoutMs: 60_000 });
    if (format.code !== 0)
      throw new Error(`kafka-storage format failed (${format.code}):\n${format.stdout}\n${format.stderr}`);

    const logFile = path.join(this.dir, "broker.log");
    this.broker = startDaemon("java", [...jvm, "kafka.Kafka", props], logFile);
    const deadline = Date.now() + 90_000;
    while (!/Kafka Server started/.test(fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "")) {
      if (this.broker.exitCode !== null)
        throw new Error(`broker exited (${this.broker.exitCode}):\n${tail(logFile)}`);
      if (Date.now() > deadline) throw new Error(`broker not started within 90 s:\n${tail(logFile)}`);
      await sleep(250);
    }
    this.bootstrapServers = `127.0.0.1:${port}`;
    if (sasl) this.saslBootstrapServers = `127.0.0.1:${saslPort}`;
  }

  private async startSshd(): Promise<void> {
    const { user, home, sshd } = this.layout;
    this.sshPort = await freePort();
    const hostKey = path.join(this.dir, "ssh_host_ed25519_key");
    for (const file of [hostKey, this.keyFile]) {
      const keygen = ["-q", "-t", "ed25519", "-N", "", "-C", this.keyComment, "-f", file];
      const r = await run("ssh-keygen", keygen, { timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
    }
    this.privateKey = fs.readFileSync(this.keyFile, "utf8");

    // StrictModes: ~/.ssh and authorized_keys owned by the user, not writable by others.
    const [uid, gid] = [fs.statSync(home).uid, fs.statSync(home).gid];
    const sshDir = path.join(home, ".ssh");
    fs.mkdirSync(sshDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(sshDir, 0o700);
    fs.chownSync(sshDir, uid, gid);
    fs.appendFileSync(this.authorizedKeys, fs.readFileSync(`${this.keyFile}.pub`), { mode: 0o600 });
    fs.chmodSync(this.authorizedKeys, 0o600);
    fs.chownSync(this.authorizedKeys, uid, gid);

    fs.mkdirSync("/run/sshd", { recursive: true, mode: 0o755 }); // privilege-separation dir
    const config = path.join(this.dir, "sshd_config");
    fs.writeFileSync(
      config,
      [
        `Port ${this.sshPort}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${hostKey}`,
        `PidFile ${path.join(this.dir, "sshd.pid")}`,
        "UsePAM no",
        "PubkeyAuthentication yes",
        "AuthenticationMethods publickey",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin no",
        `AllowUsers ${user}`,
        "AuthorizedKeysFile .ssh/authorized_keys",
        "StrictModes yes",
        "X11Forwarding no",
        "AllowTcpForwarding no",
        "PrintMotd no",
        "LogLevel VERBOSE",
        "",
      ].join("\n"),
    );
    const test = await run(sshd, ["-t", "-f", config], { timeoutMs: 30_000 });
    if (test.code !== 0) throw new Error(`sshd -t rejected ${config}:\n${test.stderr}`);
    const logFile = path.join(this.dir, "sshd.log");
    this.sshd = startDaemon(sshd, ["-D", "-f", config, "-E", logFile], path.join(this.dir, "sshd.out"));

    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await this.ssh("true", { timeoutMs: 10_000 });
      if (r.code === 0) return;
      if (this.sshd.exitCode !== null || Date.now() > deadline)
        throw new Error(`cannot ssh to ${user}@127.0.0.1:${this.sshPort}: ${r.stderr}\n${tail(logFile)}`);
      await sleep(250);
    }
  }

  /**
   * Runs `command` as ONE ssh exec, as remote.Command does (an SSH session's Run(cmd), i.e. the
   * remote user's login shell `-c cmd`). No pty, no stdin. Defaults to the test user's sshd.
   */
  ssh(command: string, opts: { target?: SshTarget; timeoutMs?: number } = {}): Promise<RunResult> {
    const t = opts.target ?? this.sshTarget;
    const options = [
      "StrictHostKeyChecking=no",
      "UserKnownHostsFile=/dev/null",
      "BatchMode=yes",
      "ConnectTimeout=5",
      "IdentitiesOnly=yes",
      "LogLevel=ERROR",
    ];
    // -F none: no client config files, only what is written here.
    const args = ["-F", "none", "-i", this.keyFile, "-p", `${t.port}`, ...options.flatMap((o) => ["-o", o])];
    return run("ssh", [...args, `${t.user}@${t.host}`, command], { timeoutMs: opts.timeoutMs ?? 300_000 });
  }

  /**
   * The broker's real topics (internal ones excluded), described with the current tools run
   * directly as root: independent of the tools and the SSH path under test.
   */
  async describeTopics(): Promise<Map<string, TopicState>> {
    const cp = `${this.layout.brokerJars}/*`;
    const jvm = ["-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp];
    const tool = ["org.apache.kafka.tools.TopicCommand", "--bootstrap-server", this.bootstrapServers];
    const r = await run("java", [...jvm, ...tool, "--describe", "--exclude-internal"], { timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`describe failed (${r.code}): ${r.stderr}`);
    return parseDescribe(r.stdout);
  }

  /** The topics whose names start with `prefix`. */
  async topicsWithPrefix(prefix: string): Promise<Map<string, TopicState>> {
    return new Map([...(await this.describeTopics())].filter(([name]) => name.startsWith(prefix)));
  }

  /** Removes this run's line from the test user's authorized_keys (other runs' lines stay). */
  private removeKey(): void {
    if (!fs.existsSync(this.authorizedKeys)) return;
    const lines = fs.readFileSync(this.authorizedKeys, "utf8").split("\n");
    const kept = lines.filter((l) => l !== "" && !l.endsWith(` ${this.keyComment}`));
    if (kept.length === 0) fs.rmSync(this.authorizedKeys);
    else fs.writeFileSync(this.authorizedKeys, kept.map((l) => `${l}\n`).join(""));
  }

  /** Stops sshd and the broker, removes the authorized key and (unless MSK_S3_SINK_IT_KEEP=1) the temp dir. */
  async stop(): Promise<void> {
    await Promise.all([stopDaemon(this.sshd, 5_000), stopDaemon(this.broker, 30_000)]);
    this.removeKey();
    if (process.env[KEEP_ENV] === "1") console.log(`kept ${this.dir} (${KEEP_ENV}=1)`);
    else fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
