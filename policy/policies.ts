/** Every rule of the pack, by area; index.ts serves them, the tests run them on both stacks. */
import { Policies } from "@pulumi/policy";
import { bucketAclsDisabled, bucketEncryption, bucketPublicAccess, bucketVersioning } from "./bucket";
import { bucketKeepsCurrentData, bucketNoForceDestroy, bucketTlsOnly } from "./bucketData";
import { bucketCompanions } from "./bucketStack";
import { connectorIamAuth, connectorTls, connectorWorkerLogs, connectorWorkerLogsDev } from "./connector";
import {
  connectorNullValues,
  connectorS3Region,
  connectorStableName,
  connectorTopicSelection,
} from "./connectorConfig";
import { connectorDeclaredTopics, connectorSinkBucket } from "./connectorStack";
import { roleKafkaScoped, roleNoWildcards, roleTrust } from "./role";
import { commandNoLogging, commandNoPlainKey, commandTimeouts } from "./topics";
import { pipelineAlarms, pipelineAlarmsDev } from "./alarms";

export const BUCKET_POLICIES: Policies = [
  bucketEncryption,
  bucketVersioning,
  bucketPublicAccess,
  bucketAclsDisabled,
  bucketTlsOnly,
  bucketNoForceDestroy,
  bucketKeepsCurrentData,
  bucketCompanions,
];
export const CONNECTOR_POLICIES: Policies = [
  connectorTls,
  connectorIamAuth,
  connectorWorkerLogs,
  connectorWorkerLogsDev,
  connectorS3Region,
  connectorNullValues,
  connectorStableName,
  connectorTopicSelection,
  connectorSinkBucket,
  connectorDeclaredTopics,
];
export const ROLE_POLICIES: Policies = [roleTrust, roleNoWildcards, roleKafkaScoped];
export const TOPICS_POLICIES: Policies = [commandNoPlainKey, commandNoLogging, commandTimeouts];

export const OPERATIONS_POLICIES: Policies = [pipelineAlarms, pipelineAlarmsDev];

export const ALL_POLICIES: Policies = [
  ...BUCKET_POLICIES,
  ...CONNECTOR_POLICIES,
  ...ROLE_POLICIES,
  ...TOPICS_POLICIES,
  ...OPERATIONS_POLICIES,
];
