/**
 * Adopting the custom plugin and connector of a walkthrough done by hand: Pulumi's `import` resource
 * option, with every input ignored for that run, so the existing resource comes under the stack exactly
 * as it is. Once the import config is removed, the next `up` applies the stack's own inputs.
 */

/**
 * `ignoreChanges` of the import run: every input, including those the program does not set (a description
 * or tags added in the console). The engine diffs the program's inputs, less these, with the imported
 * ones, and a difference would update the resource right after the import, or fail the update where it
 * replaces it (pulumi pkg/resource/deploy/step_generator.go). A root "*" resets every input to the
 * imported value (PropertyPath.reset in pulumi sdk/go/common/resource/properties_path.go, test "Single
 * wildcard at root").
 */
export const IMPORT_AS_IT_IS: readonly string[] = ["*"];

/** The preview warning while a resource is being adopted: what happens now, and the step after. */
export function adoptionWarning(
  key: "plugin" | "connector",
  name: string,
  objectKey: string,
  stack: string,
): string {
  const then =
    key === "plugin"
      ? `it is then replaced by a plugin made from the stack's zip, uploaded to ${objectKey} (the stack never deletes it from a bucket it does not own)`
      : `it is then replaced by the stack's connector under the same name (minutes without delivery, offsets kept in consumer group connect-${name})`;
  return (
    `msk-s3-sink:${key}.import: adopting ${key === "plugin" ? "custom plugin" : "connector"} ${name} as it is. ` +
    `After this update, run npm run pulumi -- config rm --path ${key}.import --stack ${stack} and npm run up -- ${stack}: ${then}`
  );
}
