/** Building blocks of the config schema: each with the message a user reads when a value breaks it. */
import { z } from "zod";
import { parseKmsArn } from "./arns";

export const int = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.int({ error }).min(min, error).max(max, error);
};
export const text = (what: string) =>
  z.string({ error: `must be a string (${what})` }).min(1, `must not be empty (${what})`);
/** A record's own message for a non-map value; key and value problems keep their own messages. */
export const mapOnly = (message: string) => (issue: { code?: string }) =>
  issue.code === "invalid_type" ? message : undefined;
export const flag = z.boolean({ error: "must be true or false" });
export const properties = z.record(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "property names use A-Z, a-z, 0-9, '.', '_' and '-'"),
  z.string({ error: "must be a string (quote numbers and booleans in YAML)" }),
  { error: mapOnly("must be a map of property name to string value") },
);
/** `create: true` is shorthand for `create: {}`. */
export const creatable = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess(
    (v) => (v === true ? {} : v),
    z.strictObject(shape, { error: "must be true or a map of settings" }),
  );
export const kmsKeyArn = z
  .string()
  .refine((arn) => parseKmsArn(arn) !== undefined, "must be a KMS key or alias ARN");
