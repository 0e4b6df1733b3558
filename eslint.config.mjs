// ESLint flat config (ESLint 9).
//
// - @eslint/js recommended for every JS/TS file.
// - typescript-eslint `recommendedTypeChecked` for TypeScript: it needs type information, which the
//   Pulumi rules below need anyway (they ask the type checker whether a template-literal expression
//   is a `pulumi.Output<T>` / `pulumi.OutputInstance<T>`). `projectService` finds the nearest
//   tsconfig.json for each file (the root one, or policy/tsconfig.json if the policy pack has one).
// - @pulumi/eslint-plugin: the package exports only `rules` (no preset configs), so every rule it
//   ships is switched on here as an error, derived from the plugin object so new rules are not missed.
// - No formatting rules: Prettier owns formatting (`npm run format`, checked by `npm run lint`).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

const pulumiRules = Object.fromEntries(Object.keys(pulumi.rules).map((rule) => [`@pulumi/${rule}`, "error"]));

export default defineConfig([
  globalIgnores(["node_modules/", "bin/", ".it/", ".plugin-cache/", "**/node_modules/", "**/bin/"]),

  {
    files: ["**/*.{js,mjs,cjs,ts,mts,cts}"],
    extends: [js.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },

  {
    files: ["**/*.{ts,mts,cts}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      ...pulumiRules,
      // `_`-prefixed names mark deliberately unused parameters (e.g. mock callbacks).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },

  // Plain JS (this config file, any helper scripts): no type information, Node globals.
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
      },
    },
  },
]);
