/** Where alarm notifications go: the SNS topic's policy, what an adopted topic needs, a subscription's state. */
import { arnParts, isAwsManagedSnsKey, KEY_POLICY_NEED } from "../config/arns";

/** The SNS topic's resource policy: only CloudWatch may publish, and only for this account's composite alarm. */
export function alarmTopicPolicy(topicArn: string, accountId: string, compositeAlarmArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        // aws:SourceAccount and aws:SourceArn keep the service principal from publishing on behalf of another
        // account's alarm (confused deputy), as CloudWatch recommends with this statement's shape:
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/US_SetupSNS.html
        Sid: "CloudWatchAlarmPublishes",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnEquals: { "aws:SourceArn": compositeAlarmArn },
        },
      },
    ],
  };
}

/**
 * Whether the stack can read an adopted topic: the provider's client is the stack's region, and another
 * account's topic refuses the read unless its policy says otherwise.
 */
export function adoptedTopicReadable(topicArn: string, region: string, accountId: string): boolean {
  const topic = arnParts(topicArn);
  return topic.region === region && topic.account === accountId;
}

/** The preview warning for an adopted topic encrypted with `kmsMasterKeyId`; undefined when unencrypted. */
export function adoptedTopicWarning(
  topicArn: string,
  kmsMasterKeyId: string | undefined,
): string | undefined {
  if (!kmsMasterKeyId) return undefined;
  if (isAwsManagedSnsKey(kmsMasterKeyId))
    return `alarms.snsTopic.adopt: ${topicArn} is encrypted with the AWS managed key alias/aws/sns, whose policy cannot let CloudWatch use it: no alarm will arrive; encrypt the topic with a customer managed key (docs/operating.md)`;
  return `alarms.snsTopic.adopt: ${topicArn} is encrypted with KMS key ${kmsMasterKeyId}: ${KEY_POLICY_NEED} (docs/operating.md)`;
}

/**
 * An e-mail subscription as the stack output shows it. SNS delivers nothing to an address until its owner
 * follows the link in the confirmation e-mail (Subscribe: https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html);
 * the provider reads `pending_confirmation` when it creates or refreshes the subscription and does not wait
 * for e-mail (terraform-provider-aws internal/service/sns/topic_subscription.go), and stack outputs change
 * only when the program runs: an update with --refresh reads the state again.
 */
export function emailSubscriptionStatus(email: string, pendingConfirmation: boolean, stack: string): string {
  return pendingConfirmation
    ? `${email}: awaiting confirmation, no alarm reaches it yet; follow the link in the e-mail from AWS Notifications, then npm run up -- ${stack} --refresh shows it confirmed`
    : `${email}: confirmed`;
}
