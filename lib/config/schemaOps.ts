/** Config schema of the surroundings: network prerequisites, alarms and the dashboard. */
import { z } from "zod";
import { NetworkChecks } from "./enums";
import { creatable, flag, int, kmsKeyArn } from "./zodParts";
import { isAwsManagedSnsKey, KEY_POLICY_NEED } from "./arns";

export const networkSchema = z.strictObject({
  checks: z.enum(NetworkChecks, { error: 'must be "error", "warn" or "off"' }).default(NetworkChecks.Error),
  s3GatewayEndpoint: flag.default(false),
});

export const alarmsSchema = z.strictObject({
  /** CloudWatch alarms on the connector and the sink's consumer lag (off unless set). */
  enabled: flag.default(false),
  /** Where notifications go: a created SNS topic (default) or an adopted one by ARN. */
  snsTopic: z
    .strictObject({
      adopt: z
        .string()
        // Standard or FIFO: CloudWatch publishes alarm notifications to both, setting a FIFO message group
        // ID from the alarm's ARN (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/US_SetupSNS.html).
        .regex(
          /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/,
          "must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)",
        )
        .optional(),
      create: creatable({
        name: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,256}$/, "an SNS topic name has 1 to 256 of A-Z, a-z, 0-9, '-' and '_'")
          .optional(),
        /** Encrypt the topic with this customer managed key (its key policy needs KEY_POLICY_NEED). */
        kmsKeyArn: kmsKeyArn
          .refine(
            (arn) => !isAwsManagedSnsKey(arn),
            `is the AWS managed key for SNS, whose key policy cannot be changed: give a customer managed key; ${KEY_POLICY_NEED}`,
          )
          .optional(),
      }).optional(),
    })
    .prefault({}),
  /** E-mail subscription to a created topic (confirmed from the e-mail AWS sends); required outside dev. */
  email: z
    .string({ error: "must be an e-mail address" })
    .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "must be an e-mail address")
    .optional(),
  /** Consumer time lag (s) above which records count as late; derived from the delivery preset when unset. */
  timeLagSeconds: int(60, 86400).optional(),
});

export const dashboardSchema = z.strictObject({
  /** The stack's CloudWatch dashboard; on outside dev, off in dev unless set. */
  enabled: flag.optional(),
});
