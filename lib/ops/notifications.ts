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
 * The preview warning for an adopted topic of another account; undefined for one of the stack's account (its
 * region is the stack's: config refuses another). PutMetricAlarm/PutCompositeAlarm take any
 * `arn:aws:sns:<region>:<account-id>:<name>` as an action; the publish is then CloudWatch's service principal
 * on the alarm's behalf, which the topic's resource policy must allow (the statement in US_SetupSNS.html and
 * https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger, where a refused publish shows in
 * the alarm's history as "is not authorized to perform: SNS:Publish"). The stack cannot read another
 * account's topic to check it, so it warns.
 */
export function crossAccountTopicWarning(topicArn: string, accountId: string): string | undefined {
  const owner = arnParts(topicArn).account;
  if (owner === accountId) return undefined;
  return `alarms.snsTopic.adopt: ${topicArn} belongs to account ${owner}, not the stack's ${accountId}: its topic policy must allow cloudwatch.amazonaws.com sns:Publish for aws:SourceAccount ${accountId}, and its KMS key policy (if encrypted) kms:Decrypt and kms:GenerateDataKey*, or no alarm arrives (docs/operating.md)`;
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
