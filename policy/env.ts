/**
 * Which environment a stack is. The program decides "dev" from `msk-s3-sink:environment`, which
 * defaults to the stack name; a policy pack cannot read stack config (@pulumi/policy 1.21 keeps only
 * the stack tags from the engine's ConfigureStack call). So a policy takes the policy config
 * `environment` when set (`--policy-pack-config`), else the stack name from the resource URN. A stack
 * whose environment differs from its name must repeat it in the pack config.
 */
import { PolicyConfigSchema, ResourceValidationArgs } from "@pulumi/policy";

/** Config schema shared by the policies whose verdict depends on the environment. */
export const ENVIRONMENT_SCHEMA: PolicyConfigSchema = {
  properties: { environment: { type: "string", description: "Overrides the stack name (e.g. dev)" } },
};

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → `<stack>`. */
export function stackOfUrn(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/** The configured environment, else the stack name in the URN. */
export function environmentOf(config: { environment?: string }, urn: string): string | undefined {
  return config.environment ?? stackOfUrn(urn);
}

/** True for the dev environment, the only one where sink data may be thrown away. */
export function isDev(config: { environment?: string }, urn: string): boolean {
  return environmentOf(config, urn) === "dev";
}

/** Of a pair `name` (mandatory outside dev) and `name-dev` (advisory in dev): skips the half that does not apply. */
export function onlyInItsEnvironment(
  name: string,
  devHalf: boolean,
  args: Pick<ResourceValidationArgs, "getConfig" | "notApplicable">,
  urn: string,
): void {
  if (isDev(args.getConfig(), urn) !== devHalf)
    args.notApplicable(devHalf ? `not dev: ${name} applies` : `dev: see ${name}-dev (advisory)`);
}
