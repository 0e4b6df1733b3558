import { expect } from "chai";
import {
  connectorIamAuth,
  connectorTls,
  connectorWorkerLogs,
  connectorWorkerLogsDev,
} from "../../policy/connector";
import { connector, connectorProps } from "./fixtures";
import { checkResource } from "./harness";

const ok = { violations: [] };
const props = (patch: Record<string, unknown>) => ({ ...connectorProps(), ...patch });

describe("policy: connector transport, authentication and logs", () => {
  it("connector-tls-in-transit: TLS passes; PLAINTEXT or unset is reported", async () => {
    expect(await checkResource(connectorTls, connector())).to.deep.equal(ok);
    const plain = connector({
      props: props({ kafkaClusterEncryptionInTransit: { encryptionType: "PLAINTEXT" } }),
    });
    expect((await checkResource(connectorTls, plain)).violations).to.deep.equal([
      'kafkaClusterEncryptionInTransit.encryptionType is "PLAINTEXT": must be "TLS"',
    ]);
    const unset = connector({ props: props({ kafkaClusterEncryptionInTransit: undefined }) });
    expect((await checkResource(connectorTls, unset)).violations).to.deep.equal([
      'kafkaClusterEncryptionInTransit.encryptionType is "PLAINTEXT (unset)": must be "TLS"',
    ]);
  });

  it("connector-iam-auth: IAM passes; NONE is reported", async () => {
    expect(await checkResource(connectorIamAuth, connector())).to.deep.equal(ok);
    const none = connector({
      props: props({ kafkaClusterClientAuthentication: { authenticationType: "NONE" } }),
    });
    expect((await checkResource(connectorIamAuth, none)).violations).to.deep.equal([
      'kafkaClusterClientAuthentication.authenticationType is "NONE": must be "IAM"',
    ]);
  });

  it("connector-worker-logs (mandatory) and -dev (advisory): one applies per environment, both report logs off", async () => {
    const off =
      "worker log delivery is off: a failing task leaves no trace; enable logDelivery.workerLogDelivery (CloudWatch Logs, Firehose or S3)";
    const noLogs = (stack: string) => connector({ stack, props: props({ logDelivery: undefined }) });
    expect(connectorWorkerLogs.enforcementLevel).to.equal("mandatory");
    expect(connectorWorkerLogsDev.enforcementLevel).to.equal("advisory");
    expect(await checkResource(connectorWorkerLogs, connector())).to.deep.equal(ok);
    expect((await checkResource(connectorWorkerLogs, noLogs("prod"))).violations).to.deep.equal([off]);
    expect(await checkResource(connectorWorkerLogs, noLogs("dev"))).to.deep.equal({
      violations: [],
      notApplicable: "dev: see connector-worker-logs-dev (advisory)",
    });
    expect((await checkResource(connectorWorkerLogsDev, noLogs("dev"))).violations).to.deep.equal([off]);
    expect(await checkResource(connectorWorkerLogsDev, noLogs("prod"))).to.deep.equal({
      violations: [],
      notApplicable: "not dev: connector-worker-logs applies",
    });
    const disabled = connector({
      props: props({ logDelivery: { workerLogDelivery: { cloudwatchLogs: { enabled: false } } } }),
    });
    expect((await checkResource(connectorWorkerLogs, disabled)).violations).to.deep.equal([off]);
  });
});
