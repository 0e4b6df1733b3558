/**
 * Links and commands a person clicks or pastes after `pulumi up`. Console links are the consoles'
 * own deep-link forms (no API promises them); the host follows the region's partition.
 */

/** The AWS console's host name for a region (China and GovCloud have their own). */
export function consoleHost(region: string): string {
  if (region.startsWith("cn-")) return "console.amazonaws.cn";
  if (region.startsWith("us-gov-")) return "console.amazonaws-us-gov.com";
  return "console.aws.amazon.com";
}

const regional = (region: string) => `https://${region}.${consoleHost(region)}`;

/** The MSK Connect connector's details page. */
export function connectorConsoleUrl(region: string, connectorArn: string): string {
  return `${regional(region)}/msk/home?region=${region}#/connectors/connectorDetails?connectorArn=${encodeURIComponent(connectorArn)}`;
}

/** The S3 console at a bucket's key prefix (e.g. `topics/<topic>/`). */
export function s3PrefixConsoleUrl(region: string, bucket: string, keyPrefix: string): string {
  return `https://${consoleHost(region)}/s3/buckets/${bucket}?region=${region}&prefix=${encodeURIComponent(keyPrefix)}&showversions=false`;
}

/** A CloudWatch dashboard. */
export function dashboardConsoleUrl(region: string, dashboardName: string): string {
  return `${regional(region)}/cloudwatch/home?region=${region}#dashboards/dashboard/${dashboardName}`;
}

/** A CloudWatch Logs log group; the console escapes the group name twice, with `$` for `%`. */
export function logGroupConsoleUrl(region: string, logGroupName: string): string {
  const escaped = encodeURIComponent(encodeURIComponent(logGroupName)).replace(/%/g, "$");
  return `${regional(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${escaped}`;
}

/**
 * The URN of the stack's MSK Connect connector resource, what `pulumi up --replace` takes: the S3SinkConnector
 * component `<componentName>` at the stack's root, its connector child of the same name
 * (`urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`,
 * https://www.pulumi.com/docs/iac/concepts/resources/names/#urns).
 */
export function connectorUrn(stack: string, componentName: string): string {
  return `urn:pulumi:${stack}::msk-s3-sink::msk-s3-sink:index:S3SinkConnector$aws:mskconnect/connector:Connector::${componentName}`;
}

/** The AWS CLI command that lists what the connector wrote under one topic's prefix. */
export function s3ListCommand(region: string, s3Uri: string): string {
  return `aws s3 ls --recursive --region ${region} ${s3Uri}`;
}
