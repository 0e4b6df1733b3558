/**
 * A singular lookup of terraform-provider-aws (which @pulumi/aws bridges) that matched nothing fails with
 * "no matching <resource type> found" (internal/tfresource/not_found_error.go, SingularDataSourceFindError,
 * for an empty result); every other failure, AccessDenied or throttling, is "reading <type>: <AWS error>"
 * or names the call that failed. The bridge wraps it as "invoking <token>: 1 error occurred: * …"
 * (pulumi-terraform-bridge pkg/tfbridge/provider.go Invoke, pkg/tfshim/sdk-v2/diagnostics.go), the engine
 * as "invocation of <token> returned an error: …" (pkg/resource/deploy/source_eval.go), and the Node SDK
 * rethrows that text as the Error's message (sdk/nodejs/runtime/invoke.ts).
 */
export function isNoMatch(error: unknown, resourceType: string): boolean {
  return String(error instanceof Error ? error.message : error).includes(`no matching ${resourceType} found`);
}
