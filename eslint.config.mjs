import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * A provider package's root holds every resource of the provider, and a type check (`tsc`, ESLint,
 * the ts-node check `pulumi up` runs) then reads all of their declarations; the project imports
 * the resources it uses through its own sdk.ts modules.
 */
const PROVIDER_ROOTS = [
  { name: "@pulumi/aws", sdk: "components/aws/sdk.ts" },
  { name: "@pulumi/cloudflare", sdk: "components/cloudflare/sdk.ts" },
].map(({ name, sdk }) => ({
  name,
  message: `Import it through ${sdk}: the package root puts every resource of the provider into each type check.`,
}));

/** The checker's folders under parity/. */
const CHECKER = [
  "bootstrap",
  "bringup",
  "check",
  "diff",
  "drift",
  "graph",
  "offline",
  "policy",
  "render",
  "sources",
  "versions",
];

/** A product of parity/ and the modules of it other products may import (none: not at all). */
const PRODUCTS = [
  {
    name: "the checker",
    folders: CHECKER,
    entries: ["plan", "report", "evaluations", "recorder", "section", "values", "input-file"],
  },
  {
    name: "cost and quotas",
    folders: ["capacity"],
    entries: ["config", "plan-capacity", "report", "render"],
  },
  { name: "pull-request stacks", folders: ["pr-stacks"], entries: [] },
  { name: "verification", folders: ["verify"], entries: [] },
  // How TypeScript is transpiled, shared with jest and the program's offline evaluation.
  { name: "the commands", folders: ["cli"], entries: ["swc-options"] },
];

/**
 * parity/ is four products (DESIGN.md): the checker, pull-request stack lifecycle (pr-stacks),
 * cost and quotas (capacity), deployment verification (verify); cli/ wires them into commands. A
 * file reaches another product only through that product's entry modules, so each can change
 * inside without the others noticing. Imports are relative: a folder shows as `/<folder>/`.
 */
function productBoundaries() {
  const outsiders = (own) =>
    PRODUCTS.filter((product) => product !== own).map((product) => ({
      regex:
        product.entries.length === 0
          ? `/(${product.folders.join("|")})/`
          : `/(${product.folders.join("|")})/(?!(${product.entries.join("|")})$)`,
      message:
        product.entries.length === 0
          ? `Another product's module: ${product.name} is reached only through the commands.`
          : `Another product's internals: use ${product.name} through ${product.entries.join(", ")}.`,
    }));
  return [
    ...PRODUCTS.filter((product) => product.name !== "the commands").map((product) => ({
      files: product.folders.map((folder) => `parity/${folder}/**/*.ts`),
      rules: {
        "@typescript-eslint/no-restricted-imports": ["error", { patterns: outsiders(product) }],
      },
    })),
    {
      // The modules every product shares import no product.
      files: ["parity/*.ts"],
      rules: {
        "@typescript-eslint/no-restricted-imports": ["error", { patterns: outsiders(undefined) }],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "coverage/",
      "bin-build/",
      "app/dist/",
      "eslint.config.mjs",
      "jest.config.js",
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // One program for the whole tsconfig.json, as `tsc` builds: a few seconds less CPU than
      // `projectService`, which builds its program up file by file.
      parserOptions: { project: "./tsconfig.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // The core rule, which refuses type imports too; the typescript-eslint one is the
      // environment model's below.
      "no-restricted-imports": ["error", { paths: PROVIDER_ROOTS }],
    },
  },
  {
    // Components are shared by every stack an offline evaluation runs in one process
    // (parity/offline/program-module.ts), so a component module keeps no state of its own.
    files: ["components/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...[
          "VariableDeclaration[kind!='const']",
          "VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/]",
        ].map((declaration) => ({
          selector: `:matches(Program, Program > ExportNamedDeclaration) > ${declaration}`,
          message: "A component keeps no module-level state: every stack shares its module.",
        })),
      ],
    },
  },
  {
    // The environment model validates config without loading Pulumi (tests/stacks/no-pulumi.test.ts
    // proves it for the whole import graph): it and the arg rules it reuses import no SDK value.
    files: ["stacks/**/*.ts", "components/**/*-fields.ts", "components/field-rule.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@pulumi/*"],
              allowTypeImports: true,
              message:
                "The environment model loads without Pulumi: keep arg rules in a components/**/*-fields.ts module.",
            },
          ],
        },
      ],
    },
  },
  ...productBoundaries(),
  {
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        process: "readonly",
        __dirname: "readonly",
        module: "writable",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["app/static/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { document: "readonly", fetch: "readonly", FormData: "readonly" },
    },
  },
);
