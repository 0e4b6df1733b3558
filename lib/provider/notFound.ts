/**
 * When a lookup of terraform-provider-aws (which @pulumi/aws bridges) failed because there is none, told
 * apart from every other failure (AccessDenied, throttling), which must never count as "none". The
 * provider's text reaches the program as it wrote it: the bridge wraps it as "invoking <token>: 1 error
 * occurred: * …" (pulumi-terraform-bridge pkg/tfbridge/provider.go Invoke, pkg/tfshim/sdk-v2/diagnostics.go),
 * the engine as "invocation of <token> returned an error: …" (pkg/resource/deploy/source_eval.go), and the
 * Node SDK rethrows that text as the Error's message (sdk/nodejs/runtime/invoke.ts).
 */
const NONE = {
  // internal/service/kafkaconnect/connector_data_source.go and internal/service/ec2/vpc_endpoint_data_source.go
  // end in tfresource.SingularDataSourceFindError (internal/tfresource/not_found_error.go): "no matching
  // <type> found" for an empty result, "multiple … matched" or "reading <type>: <error>" otherwise.
  connector: /no matching MSK Connect Connector found/,
  vpcEndpoint: /no matching EC2 VPC Endpoint found/,
  // internal/service/kms/alias_data_source.go calls ListAliases, then DescribeKey on the alias, wrapping
  // each finder's error in "reading KMS Alias|Key (<name>): "; their not-found is "empty result"
  // (tfresource.AssertSingleValueResult) or "couldn't find resource" (retry.NotFoundError).
  alias: /reading KMS (Alias|Key) \([^)]*\): (empty result|couldn't find resource)/,
  // internal/service/kafka/topic.go findTopic: DescribeTopic's NotFoundException becomes a retry.NotFoundError,
  // whose text is "couldn't find resource".
  topic: /couldn't find resource/,
} as const;

/** The lookups the program tells "none" from a failure for. */
export type Lookup = keyof typeof NONE;

/** True when `error`, from the given lookup, is the provider's "there is none". */
export function isNotFound(lookup: Lookup, error: unknown): boolean {
  return NONE[lookup].test(String(error instanceof Error ? error.message : error));
}
