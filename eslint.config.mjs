// One linter with type-aware rules. The import boundaries of docs/ARCHITECTURE.md are
// enforced here, not by convention.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const prisma = ["@prisma/client", "@prisma/client/*", "**/db/generated/**", "@prisma/adapter-*"];
const appLayers = [
  "next",
  "next/*",
  "react",
  "react/*",
  "react-dom",
  "react-dom/*",
  "@xyflow/*",
  "@/*",
  "!@/lib/engine/**",
  "**/server/*",
  "**/nodes/*",
  "**/integrations/*",
  "**/components/*",
  "**/app/*",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "data/**",
      "lib/server/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "bench/out/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "no-restricted-imports": ["error", { patterns: [{ group: prisma, message: "Only lib/server imports the Prisma client." }] }],
    },
  },
  {
    files: ["lib/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: [...prisma, ...appLayers], message: "lib/engine is pure: it imports nothing of the app." }] },
      ],
      "no-console": "error",
    },
  },
  { files: ["lib/server/**", "prisma/**", "scripts/**", "tests/**"], rules: { "no-restricted-imports": "off" } },
  { files: ["**/*.mjs", "**/*.js"], ...tseslint.configs.disableTypeChecked },
);
