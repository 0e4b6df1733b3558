/**
 * CrossGuard policy pack for msk-s3-sink: `pulumi preview --policy-pack policy`. The rules live in
 * one file per area (bucket, connector, role, topics); policies.ts lists them.
 */
import { PolicyPack } from "@pulumi/policy";
import { ALL_POLICIES } from "./policies";

new PolicyPack("msk-s3-sink", {
  description:
    "Hardened sink bucket, TLS/IAM S3 sink connector with exact topics, least-privilege role, topics command without plain keys.",
  enforcementLevel: "mandatory",
  policies: ALL_POLICIES,
});
