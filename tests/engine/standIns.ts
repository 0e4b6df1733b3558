/**
 * The docs' commands that cannot run for real here, each run as far as it can all the same (contract.ts
 * still requires a test to run it): against stand-ins that record and check their exact arguments, against
 * moto's S3, or against a Kafka broker without MSK's IAM authentication. An entry names a section (its
 * heading) or a command pattern. The engine tier's commands run under the real Pulumi CLI up to the AWS
 * provider boundary, as docs/tests.md says for the whole tier; they are not repeated here.
 */
export const STAND_INS: { heading?: string; command?: RegExp; ranBy: string; why: string }[] = [
  {
    heading: "### Set it up, in order",
    ranBy:
      "tests/unit/ci/cdReadme.test.ts, with aws, gh and npm stand-ins answering AWS's and GitHub's documented responses",
    why: "they create IAM roles, GitHub environments and stacks in a state bucket: a real AWS account and repository",
  },
  {
    heading: "### Which OIDC subject GitHub sends",
    ranBy: "tests/unit/ci/cdReadme.test.ts, with aws and gh stand-ins and the real jq",
    why: "they change a real repository's OIDC settings and IAM roles' trust",
  },
  {
    command: /^aws s3 ls /,
    ranBy: "tests/integration/operating.test.ts, the AWS CLI against moto's S3 server",
    why: "the bucket is in AWS",
  },
  {
    command: /^\.\/kafka-consumer-groups\.sh /,
    ranBy:
      "tests/integration/operating.test.ts, the walkthrough's Kafka 2.8.1 tools on a real broker over real SSH",
    why: "the broker is not MSK: client.properties is plain text, as IAM authentication needs MSK and AWS credentials",
  },
  {
    command: /--policy-pack-config /,
    ranBy: "tests/unit/pulumiScript.test.ts, scripts/pulumi.sh with a pulumi stand-in",
    why: "the Node.js language host built for the engine tier cannot start policy packs",
  },
];
