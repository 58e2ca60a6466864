import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** The domain is pure TypeScript: no UI, no transport, no framework. */
const domainBoundary = {
  patterns: [
    { group: ["@/app/*", "**/app/*"], message: "server/domain must not import from app/." },
    { group: ["@/components/*", "**/components/*"], message: "server/domain must not import from components/." },
    { group: ["@/server/api/*", "**/server/api/*", "../api/*", "../../api/*"], message: "server/domain must not import from server/api/." },
    { group: ["next", "next/*"], message: "server/domain must not import Next.js." },
    { group: ["react", "react/*", "react-dom", "react-dom/*"], message: "server/domain must not import React." },
    { group: ["@trpc/*"], message: "server/domain must not import tRPC." },
  ],
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["server/domain/**/*.ts", "server/fabric/**/*.ts", "server/jobs/**/*.ts"],
    rules: { "no-restricted-imports": ["error", domainBoundary] },
  },
  {
    // Job definitions import the domain (server/domain/steps.ts), never the other way round; tests register them.
    files: ["server/domain/**/*.ts"],
    ignores: ["server/domain/tests/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...domainBoundary.patterns,
            {
              group: ["@/server/jobs/definitions", "@/server/jobs/definitions/*"],
              message: "server/domain must not import the job definitions: put a job's steps in server/domain/steps.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // Each error code is stated once, in server/domain/checks/codes.ts.
    files: ["server/domain/**/*.ts", "server/fabric/**/*.ts", "server/jobs/**/*.ts", "server/auth/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name='code'][value.type='Literal']",
          message: "Error codes live in server/domain/checks/codes.ts: use CODES.<name>.",
        },
      ],
    },
  },
  {
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
