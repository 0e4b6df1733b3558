#!/usr/bin/env bash
# Installs what the topic-script integration tests (tests/integration/) need, on Debian 12 as root.
# Idempotent: a second run only checks. Needs nothing but Java 17, Maven and apt.
#
#   1. openssh-server (sshd, ssh, ssh-keygen) and procps from Debian.
#   2. Kafka jars from Maven Central, cached under .it/jars/ (git-ignored):
#        kafka-current  the KRaft broker and today's tools   (it/maven/kafka-current/pom.xml)
#        kafka-2.8.1    the walkthrough's EC2 client tools    (it/maven/kafka-2.8.1/pom.xml)
#   3. A test user (kafkait) whose home is laid out like the walkthrough's EC2 client:
#        ~/kafka_2.12-2.8.1/bin/{kafka-topics.sh,kafka-configs.sh,kafka-console-producer.sh,kafka-verifiable-producer.sh,
#                                 kafka-consumer-groups.sh,client.properties}
#        ~/kafka_2.13-<current>/bin/{the same}
#      each bin/ beside libs/ (the jars) and config/ (tools logging), as in the binary tarballs.
#   4. A local S3-API server for verify's S3 half: moto's server (PyPI `moto[server]`) in a virtualenv
#      under .it/moto/ (needs python3 with venv; python3-venv from Debian where missing), and the AWS CLI
#      (PyPI `awscli`, version 1: v2 is not on PyPI; `configure` and `s3 ls` take the same arguments) under
#      .it/awscli/ for the docs' `aws` commands.
#   5. .it/layout.json: what tests/integration/harness.ts reads to find all of the above.
#
# The broker, sshd and keys are not made here: the harness starts them per run in a temp dir.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache="$repo/.it"
user=kafkait

log() { printf 'it/setup: %s\n' "$*"; }
die() { printf 'it/setup: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (it installs packages, adds the user $user and starts nothing)"
command -v java >/dev/null || die "java not found: install a JDK/JRE 17 (apt-get install openjdk-17-jre-headless)"
command -v mvn >/dev/null || die "mvn not found: apt-get install maven"

# --- 1. Debian packages ------------------------------------------------------------------------
need_apt=()
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
command -v ssh >/dev/null && command -v ssh-keygen >/dev/null || need_apt+=(openssh-client)
command -v ps >/dev/null || need_apt+=(procps)
command -v timeout >/dev/null || need_apt+=(coreutils)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The package's postinst may try to start the distribution's sshd; without an init system that
  # fails harmlessly. The harness never uses that daemon: it runs its own on a loopback port.
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
[ -x /usr/sbin/sshd ] || die "/usr/sbin/sshd missing after apt-get install openssh-server"

# --- 2. Kafka jars from Maven Central ----------------------------------------------------------
current_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$repo/it/maven/kafka-current/pom.xml" | head -n1)
[ -n "$current_version" ] || die "no <kafka.version> in it/maven/kafka-current/pom.xml"

fetch_jars() { # name: resolves it/maven/<name>/pom.xml into .it/jars/<name>/, unless the pom is unchanged
  local name=$1 pom="$repo/it/maven/$1/pom.xml" dir="$cache/jars/$1"
  local stamp="$dir/.pom.sha256" sum
  sum=$(sha256sum "$pom" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return; fi
  log "resolving $name jars from Maven Central"
  rm -rf "$dir.tmp"
  if ! mvn -B -ntp -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$dir.tmp" >"$cache/mvn-$1.log" 2>&1; then
    tail -n 40 "$cache/mvn-$1.log" >&2
    die "maven could not resolve $name (full log: $cache/mvn-$1.log)"
  fi
  ls "$dir.tmp"/*.jar >/dev/null 2>&1 || die "maven copied no jars for $name"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  echo "$sum" >"$stamp"
}
mkdir -p "$cache/jars"
fetch_jars kafka-current
fetch_jars kafka-2.8.1

# --- 3. test user and the EC2-client layout ----------------------------------------------------
if ! id "$user" >/dev/null 2>&1; then
  log "adding user $user"
  useradd --create-home --shell /bin/bash "$user"
fi
# sshd (UsePAM no) refuses accounts whose password field is locked ("!"); "*" is unlocked and
# still has no password: the harness logs in with a key only.
usermod -p '*' "$user"
home=$(getent passwd "$user" | cut -d: -f6)
chmod 0755 "$home" # StrictModes: not group/world writable; readable so root-side checks are simple

# Thin stand-ins for the binary distribution's bin/ scripts, which run
#   kafka-run-class.sh <class> "$@"  =  exec java $KAFKA_HEAP_OPTS ... -cp "libs/*" <class> "$@".
# Heap as in kafka-run-class.sh's tool default (-Xmx256M); SerialGC and C1-only keep the many
# short JVM runs light on a 2-core machine.
write_tool() { # file class log-option [extra classpath under the tools dir]
  cat >"$1" <<EOF
#!/bin/sh
# Integration-test stand-in (written by it/setup.sh) for the Kafka distribution's bin script:
# kafka-run-class.sh $2 "\$@". The jars in ../libs come from Maven Central.
base_dir="\$(dirname "\$0")/.."
exec "\${JAVA_HOME:+\$JAVA_HOME/bin/}java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \\
  $3 \\
  -cp "\$base_dir/libs/*${4:+:\$base_dir$4}" $2 "\$@"
EOF
  chmod 0755 "$1"
}

write_client_properties() {
  cat >"$1" <<'EOF'
# The walkthrough's client.properties authenticates with IAM:
#   security.protocol=SASL_SSL, sasl.mechanism=AWS_MSK_IAM,
#   sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;
#   sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler
# IAM auth needs AWS credentials and an MSK broker, so it cannot run off AWS: the integration
# broker listens in plain text on 127.0.0.1 only.
security.protocol=PLAINTEXT
EOF
}

layout_tools() { # dir-name jar-cache topic-class config-class log-option log-file log-body producer-class group-class
  local dir="$home/$1" jars="$cache/jars/$2"
  local stamp="$dir/libs/.pom.sha256"
  mkdir -p "$dir/bin" "$dir/config"
  if ! cmp -s "$jars/.pom.sha256" "$stamp" 2>/dev/null; then
    log "copying $2 jars into $dir/libs"
    rm -rf "$dir/libs" && mkdir -p "$dir/libs"
    cp "$jars"/*.jar "$dir/libs/" && cp "$jars/.pom.sha256" "$stamp"
  fi
  write_tool "$dir/bin/kafka-topics.sh" "$3" "$5"
  write_tool "$dir/bin/kafka-configs.sh" "$4" "$5"
  write_tool "$dir/bin/kafka-console-producer.sh" "$8" "$5"
  write_tool "$dir/bin/kafka-consumer-groups.sh" "$9" "$5"
  # kafka-tools (VerifiableProducer) also goes to ../verifiable/: a setup from a checkout whose pom lacks
  # it replaces libs/ in this shared home and would otherwise take the class away.
  mkdir -p "$dir/verifiable" && cp "$jars"/kafka-tools-*.jar "$dir/verifiable/"
  write_tool "$dir/bin/kafka-verifiable-producer.sh" org.apache.kafka.tools.VerifiableProducer "$5" '/verifiable/*'
  write_client_properties "$dir/bin/client.properties"
  printf '%s\n' "$7" >"$dir/config/$6"
  chown -R "$user:" "$dir"
}

# Tools log WARN and above to stderr, as config/tools-log4j.properties does in the tarballs, so a
# tool that cannot reach the broker says so ("Connection to node -1 ... could not be established").
old_dir=kafka_2.12-2.8.1
# shellcheck disable=SC2016 # $base_dir is expanded by the written script, not here
layout_tools "$old_dir" kafka-2.8.1 kafka.admin.TopicCommand kafka.admin.ConfigCommand \
  '-Dlog4j.configuration="file:$base_dir/config/tools-log4j.properties"' tools-log4j.properties \
  'log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err' kafka.tools.ConsoleProducer kafka.admin.ConsumerGroupCommand

# Kafka 3.5+ moved TopicCommand to kafka-tools (org.apache.kafka.tools); ConfigCommand is still
# kafka.admin.ConfigCommand in kafka_2.13. 4.x logs through log4j2.
new_dir=kafka_2.13-$current_version
# shellcheck disable=SC2016 # as above
layout_tools "$new_dir" kafka-current org.apache.kafka.tools.TopicCommand kafka.admin.ConfigCommand \
  '-Dlog4j2.configurationFile="$base_dir/config/tools-log4j2.properties"' tools-log4j2.properties \
  'status = warn
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = STDERR' org.apache.kafka.tools.ConsoleProducer \
  org.apache.kafka.tools.consumer.group.ConsumerGroupCommand

# --- 4. moto's S3 server -----------------------------------------------------------------------
moto_version='5.1.*'
moto="$cache/moto"
if ! "$moto/bin/moto_server" --help >/dev/null 2>&1; then
  command -v python3 >/dev/null || die "python3 not found: apt-get install python3 python3-venv"
  if ! python3 -m venv --help >/dev/null 2>&1; then
    log "apt-get install python3-venv"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
  fi
  log "installing moto[server]==$moto_version from PyPI into $moto"
  rm -rf "$moto" && python3 -m venv "$moto"
  "$moto/bin/pip" install -q "moto[server]==$moto_version" >"$cache/pip-moto.log" 2>&1 ||
    { tail -n 20 "$cache/pip-moto.log" >&2; die "pip could not install moto[server] (log: $cache/pip-moto.log)"; }
fi

awscli_version='1.46.*'
awscli="$cache/awscli"
if ! "$awscli/bin/aws" --version >/dev/null 2>&1; then
  log "installing awscli==$awscli_version from PyPI into $awscli"
  rm -rf "$awscli" && python3 -m venv "$awscli"
  "$awscli/bin/pip" install -q "awscli==$awscli_version" >"$cache/pip-awscli.log" 2>&1 ||
    { tail -n 20 "$cache/pip-awscli.log" >&2; die "pip could not install awscli (log: $cache/pip-awscli.log)"; }
fi

# --- 5. what the harness reads -----------------------------------------------------------------
cat >"$cache/layout.json" <<EOF
{
  "user": "$user",
  "home": "$home",
  "sshd": "/usr/sbin/sshd",
  "motoServer": "$moto/bin/moto_server",
  "awsCli": "$awscli/bin/aws",
  "brokerJars": "$cache/jars/kafka-current",
  "brokerVersion": "$current_version",
  "tools": [
    { "version": "2.8.1", "binDir": "$home/$old_dir/bin" },
    { "version": "$current_version", "binDir": "$home/$new_dir/bin" }
  ]
}
EOF
log "ready: $cache/layout.json (broker Kafka $current_version; tools 2.8.1 and $current_version for user $user)"
