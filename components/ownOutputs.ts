import * as pulumi from "@pulumi/pulumi";

/** Stack outputs the program reads back at the next update (index.ts exports them under these names). */
export type OwnOutputName = "connectorArn" | "s3GatewayEndpointId";

/** Reads one of the stack's own outputs from its last update; undefined before the stack has it. */
export type OwnOutputs = (name: OwnOutputName) => Promise<unknown>;

/** One StackReference to the stack itself, registered on first use and shared by every reader. */
export function ownOutputs(): OwnOutputs {
  let self: pulumi.StackReference | undefined;
  return async (name) => {
    self ??= new pulumi.StackReference(`${pulumi.getStack()}-own-outputs`, {
      name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
    });
    const details = await self.getOutputDetails(name);
    return details.value as unknown;
  };
}
