// dependency-cruiser (run by `npm run lint`): no import cycles anywhere, lib/ free of the Pulumi runtime, and the
// layers below.
//
// Layers, bottom to top. A module imports from its own layer and the layers below it, never from one above
// (type-only imports count: they tie the modules together just as much).
const LAYERS = [
  // The stack's settings: schema, parsing, names, and the rules the settings alone decide.
  ["config", "^lib/config/"],
  // Facts of the AWS provider under @pulumi/aws: replace-forcing inputs, not-found errors.
  ["provider", "^lib/provider/"],
  // Kafka topics, the cluster, the EC2 client's tools.
  ["kafka", "^lib/kafka/"],
  // The S3 sink connector: properties, delivery, IAM, capacity, workers.
  ["connector", "^lib/connector/"],
  // The bucket, the plugin zip, KMS, the cost of delivery.
  ["s3", "^lib/s3/"],
  // The workers' network prerequisites.
  ["network", "^lib/network/"],
  // Operations: alarms, dashboard, stack outputs, npm run verify.
  ["ops", "^lib/ops/"],
  // lib's own files: the settings checked whole, with the rules of every layer above.
  ["lib", "^lib/[^/]+$"],
  // ComponentResources: they only wire resources.
  ["components", "^components/"],
  // What runs: the program, the policy pack, the npm scripts.
  ["entry points", "^(index\\.ts|policy/|scripts/)"],
  ["tests and benchmarks", "^(tests|bench)/"],
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
    {
      name: "lib-is-pure",
      comment: "lib/ holds the rules as plain functions: no Pulumi runtime (types and the region enum only)",
      severity: "error",
      from: { path: "^lib/" },
      to: {
        path: "^node_modules/@pulumi/",
        pathNot: "^node_modules/@pulumi/aws/types/",
        dependencyTypesNot: ["type-only"],
      },
    },
    ...LAYERS.slice(0, -1).map(([name, path], i) => ({
      name: `layer-${name.replace(/ /g, "-")}`,
      comment: `${name} imports only from its own layer and the layers below it (.dependency-cruiser.cjs)`,
      severity: "error",
      from: { path },
      to: { path: LAYERS.slice(i + 1).map(([, above]) => above) },
    })),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // node_modules stays in the graph (doNotFollow keeps it a leaf): lib-is-pure judges imports into it.
    exclude: { path: "^\\.it/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
