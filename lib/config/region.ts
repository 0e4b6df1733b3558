import { Region } from "@pulumi/aws/types/enums";
import { editDistance } from "./suggest";

/**
 * The regions the AWS provider knows: @pulumi/aws's `Region` enum ("any valid Amazon region that may be
 * targeted with deployments", types/enums/index.d.ts). The provider checks `aws:region` against its own
 * list too, unless `aws:skipRegionValidation` is true (config/vars.d.ts: for regions "not public (yet)").
 */
const REGIONS: readonly string[] = Object.values(Region);

/** Why `aws:region` is not a region the provider knows (with the nearest one), or undefined when it is. */
export function regionProblem(region: string, skipValidation: boolean): string | undefined {
  if (skipValidation || REGIONS.includes(region)) return undefined;
  const near = REGIONS.map((r) => ({ r, d: editDistance(region.toLowerCase(), r) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  const hint = near ? `did you mean ${near.r}?` : "e.g. us-east-1 or eu-west-1";
  return `aws:region = ${JSON.stringify(region)}: is not an AWS region; ${hint} (for a region @pulumi/aws does not list yet, set aws:skipRegionValidation true)`;
}
