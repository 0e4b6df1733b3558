import * as server from "@pulumi/policy/server";
/**
 * The pack behind @pulumi/policy's own Analyze handler, fed engine-shaped requests (protobuf Struct
 * props with secret and unknown sentinels). It shows what hand-built args cannot: secrets arrive
 * unwrapped, and an input unknown at preview turns a rule into an advisory "can't run" note.
 */
import { expect } from "chai";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerProviderResource,
  AnalyzerResourceOptions,
  EnforcementLevel,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { ALL_POLICIES } from "../../policy/policies";
import { commandProps, connectorProps, KEY, T } from "./fixtures";

type Rpc = (
  call: { request: AnalyzeRequest },
  callback: (err: unknown, res?: AnalyzeResponse) => void,
) => void;
// The handler the policy server registers for Analyze; internal to @pulumi/policy, stable since 1.x.
const { makeAnalyzeRpcFun } = server as unknown as { makeAnalyzeRpcFun: (...a: unknown[]) => Rpc };
const analyzeRpc = makeAnalyzeRpcFun("msk-s3-sink", "0.1.0", "mandatory", ALL_POLICIES);

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
/** The program's command: the SDK marks the connection secret, KafkaTopics adds stdout and stderr. */
const COMMAND_SECRET_OUTPUTS = ["connection", "stdout", "stderr"];

/** One Analyze call; each diagnostic as "level policy: message" (the server prefixes the description line). */
async function analyze(
  type: string,
  props: Record<string, unknown>,
  additionalSecretOutputs: string[] = [],
): Promise<string[]> {
  const options = new AnalyzerResourceOptions()
    .setDeletebeforereplace(true)
    .setDeletebeforereplacedefined(true);
  options.setAdditionalsecretoutputsList(additionalSecretOutputs);
  options.setCustomtimeouts(
    new AnalyzerResourceOptions.CustomTimeouts().setCreate(1200).setUpdate(1200).setDelete(1200),
  );
  const request = new AnalyzeRequest()
    .setType(type)
    .setName("r")
    .setUrn(`urn:pulumi:prod::msk-s3-sink::${type}::r`)
    .setOptions(options)
    .setProperties(Struct.fromJavaScript(props as never))
    .setProvider(
      new AnalyzerProviderResource()
        .setType("pulumi:providers:aws")
        .setName("default")
        .setProperties(Struct.fromJavaScript({ region: "eu-west-1" })),
    );
  const response = await new Promise<AnalyzeResponse>((resolve, reject) =>
    analyzeRpc({ request }, (err, res) =>
      err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(res!),
    ),
  );
  const level = (l: EnforcementLevel) => (l === EnforcementLevel.MANDATORY ? "mandatory" : "advisory");
  return response
    .getDiagnosticsList()
    .map((d) => `${level(d.getEnforcementlevel())} ${d.getPolicyname()}: ${d.getMessage()}`);
}

describe("policy pack through @pulumi/policy's Analyze handler", () => {
  it("passes the program's command: the key is inside the secret connection, which is a secret output", async () => {
    const props = commandProps();
    expect(
      await analyze(T.command, { ...props, connection: secret(props["connection"]) }, COMMAND_SECRET_OUTPUTS),
    ).to.deep.equal([]);
  });

  it("sees secrets unwrapped: a key in a secret create script is still reported", async () => {
    const props = commandProps({ create: secret(`echo '${KEY}' > key`) });
    expect(
      await analyze(T.command, { ...props, connection: secret(props["connection"]) }, COMMAND_SECRET_OUTPUTS),
    ).to.deep.equal([
      "mandatory topics-command-no-plain-key: Private key material appears only in connection.privateKey, and connection is a secret output.\n" +
        "create holds private key material: pass the key only as connection.privateKey, from secret config",
    ]);
  });

  it("reports connector violations as mandatory diagnostics with the rule's reason", async () => {
    const props = {
      ...connectorProps({ "s3.region": "us-west-2" }),
      kafkaClusterEncryptionInTransit: { encryptionType: "PLAINTEXT" },
    };
    const found = await analyze(T.connector, props);
    expect(found).to.deep.equal([
      'mandatory connector-tls-in-transit: The connector talks to the brokers over TLS.\nkafkaClusterEncryptionInTransit.encryptionType is "PLAINTEXT": must be "TLS"',
      // The region comes from the default provider's inputs (aws:region), as the engine sends them.
      'mandatory connector-s3-region: s3.region equals the stack\'s AWS region.\ns3.region is "us-west-2": must equal the stack\'s region "eu-west-1"',
    ]);
  });

  it("cannot judge a bucket policy whose document is unknown at preview: advisory note, no verdict", async () => {
    const found = await analyze(T.bucketPolicy, { bucket: unknownValue, policy: unknownValue });
    expect(found).to.have.length(1);
    expect(found[0]).to.match(
      /^advisory sink-bucket-tls-only: can't run policy 'sink-bucket-tls-only' from policy pack 'msk-s3-sink@v0\.1\.0' during preview/,
    );
  });
});
