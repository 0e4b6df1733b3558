/**
 * Name rules of Kafka, S3 and MSK Connect, as pure predicates. Each returns `undefined` when the
 * name is allowed, or a sentence saying what is allowed, so config validation can quote it.
 */

/** Kafka: [a-zA-Z0-9._-], at most 249 characters, not "." or "..", and not an internal `__` name. */
export function topicNameProblem(name: string): string | undefined {
  if (name === "." || name === "..") return 'a topic may not be named "." or ".."';
  if (name.length < 1 || name.length > 249) return "a topic name has 1 to 249 characters";
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) return "a topic name uses only a-z, A-Z, 0-9, '.', '_' and '-'";
  if (name.startsWith("__")) return "names starting with '__' are Kafka's and MSK Connect's internal topics";
  return undefined;
}

/**
 * Index pairs [earlier, later] of distinct names in `names` that Kafka treats as the same topic: names that
 * differ only by '.' versus '_' share metric names, so Kafka refuses the second.
 */
export function topicNameCollisions(names: readonly string[]): [number, number][] {
  const first = new Map<string, number>();
  const pairs: [number, number][] = [];
  names.forEach((name, i) => {
    const key = name.replace(/\./g, "_");
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else if (names[j] !== name) pairs.push([j, i]);
  });
  return pairs;
}

/** S3 general-purpose bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "a bucket name has 3 to 63 characters";
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
    return "a bucket name uses only a-z, 0-9, '.' and '-', and starts and ends with a letter or digit";
  if (name.includes("..")) return "a bucket name may not contain two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "a bucket name may not look like an IP address";
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"])
    if (name.startsWith(prefix)) return `a bucket name may not start with "${prefix}"`;
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"])
    if (name.endsWith(suffix)) return `a bucket name may not end with "${suffix}"`;
  return undefined;
}

/** MSK Connect connector, custom plugin and worker configuration names; also IAM role names. */
export function resourceNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    return "a name has 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit";
  return undefined;
}

/** Escapes a literal for a Java regular expression (Kafka Connect's `topics.regex`). */
export function javaRegexLiteral(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

/** A `topics.regex` that matches exactly the given topics and nothing else. */
export function exactTopicsRegex(topics: readonly string[]): string {
  const alternatives = topics.map(javaRegexLiteral);
  return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join("|")})`;
}

/** A name for AWS APIs that take only A-Z, a-z, 0-9, "-" and "_" (SNS topics, CloudWatch dashboards). */
export function alphanumericDashName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** The walkthrough's names of what a user already has, from the user id (its `USER_ID`). */
export const walkthroughNames = (id: string) => ({
  bucket: `user-${id}-bucket`,
  executionRole: `${id}-ec2-access-role`,
});

/** The user id a walkthrough name carries (`user-<id>-bucket`, `<id>-ec2-access-role`), if it is one. */
export function walkthroughUserId(name: string): string | undefined {
  return /^user-(.+)-bucket$/.exec(name)?.[1] ?? /^(.+)-ec2-access-role$/.exec(name)?.[1];
}
