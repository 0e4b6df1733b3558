/** The MSK Connect connector: transport, authentication and worker logs. */
import * as aws from "@pulumi/aws";
import { ResourceValidationArgs, ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { Unwrap } from "@pulumi/pulumi";
import { ENVIRONMENT_SCHEMA, onlyInItsEnvironment } from "./env";

export type Connector = Unwrap<aws.mskconnect.ConnectorArgs>;
type Check = (c: Connector, args: ResourceValidationArgs, report: (message: string) => void) => void;
/** A validation that runs only on MSK Connect connectors, with typed inputs. */
export const onConnector = (check: Check) => validateResourceOfType(aws.mskconnect.Connector, check);

/** Records and IAM tokens must not cross the VPC in clear text between workers and brokers. */
export const connectorTls: ResourceValidationPolicy = {
  name: "connector-tls-in-transit",
  description: "The connector talks to the brokers over TLS.",
  enforcementLevel: "mandatory",
  validateResource: onConnector((c, _args, report) => {
    const type = c.kafkaClusterEncryptionInTransit?.encryptionType;
    if (type !== "TLS")
      report(
        `kafkaClusterEncryptionInTransit.encryptionType is ${JSON.stringify(type ?? "PLAINTEXT (unset)")}: must be "TLS"`,
      );
  }),
};

/** IAM client authentication ties every read to the execution role's least-privilege policy. */
export const connectorIamAuth: ResourceValidationPolicy = {
  name: "connector-iam-auth",
  description: "The connector authenticates to the cluster with IAM.",
  enforcementLevel: "mandatory",
  validateResource: onConnector((c, _args, report) => {
    const type = c.kafkaClusterClientAuthentication?.authenticationType;
    if (type !== "IAM")
      report(
        `kafkaClusterClientAuthentication.authenticationType is ${JSON.stringify(type ?? "NONE (unset)")}: must be "IAM"`,
      );
  }),
};

/** Why worker logs are off, or undefined when some destination is enabled. */
export function logDeliveryProblem(c: Connector): string | undefined {
  const d = c.logDelivery?.workerLogDelivery;
  const on = [d?.cloudwatchLogs, d?.firehose, d?.s3].some((x) => x?.enabled === true);
  return on
    ? undefined
    : "worker log delivery is off: a failing task leaves no trace; enable logDelivery.workerLogDelivery (CloudWatch Logs, Firehose or S3)";
}

const workerLogs = (devHalf: boolean) =>
  onConnector((c, args, report) => {
    onlyInItsEnvironment("connector-worker-logs", devHalf, args, args.urn);
    const problem = logDeliveryProblem(c);
    if (problem) report(problem);
  });

/** A connector that fails silently loses data unnoticed: outside dev, worker logs must go somewhere. */
export const connectorWorkerLogs: ResourceValidationPolicy = {
  name: "connector-worker-logs",
  description: "Worker log delivery is enabled (environments other than dev).",
  enforcementLevel: "mandatory",
  configSchema: ENVIRONMENT_SCHEMA,
  validateResource: workerLogs(false),
};

/** The walkthrough's dev world may skip worker logs, but should hear about it. */
export const connectorWorkerLogsDev: ResourceValidationPolicy = {
  name: "connector-worker-logs-dev",
  description: "Worker log delivery is enabled (dev: advisory).",
  enforcementLevel: "advisory",
  configSchema: ENVIRONMENT_SCHEMA,
  validateResource: workerLogs(true),
};
