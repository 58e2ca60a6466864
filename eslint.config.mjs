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

/** Input schemas travel to the browser with the forms that validate with them: zod only, no database or engine. */
const serverOnly = {
  group: [
    "drizzle-orm",
    "drizzle-orm/*",
    "better-sqlite3",
    "pino",
    "@/db/*",
    "!@/db/schema/",
    "@/db/schema/*",
    "!@/db/schema/enums",
    "@/server/jobs/*",
    "@/server/fabric/*",
    "@/server/lib/*",
  ],
  allowTypeImports: true,
  message: "Input schemas are imported by forms in the browser: import zod and other input modules only.",
};

/** Browser code takes from the server only types, the input schemas and the role table (importing a verb pulls the database into the bundle). */
const clientBoundary = {
  patterns: [
    {
      group: [
        "@/server/*",
        "!@/server/domain",
        "@/server/domain/*",
        "!@/server/domain/*/",
        "@/server/domain/*/*",
        "!@/server/domain/*/inputs",
        "!@/server/domain/users/schemas",
        "!@/server/domain/users/roles",
        "@/db/*",
        "!@/db/schema/",
        "@/db/schema/*",
        "!@/db/schema/enums",
      ],
      allowTypeImports: true,
      message:
        "Client code may import from the server only types, `server/domain/*/inputs`, `users/schemas`, `users/roles` and `db/schema/enums`.",
    },
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
    files: ["server/domain/**/inputs.ts", "server/domain/targets.ts", "server/domain/users/schemas.ts", "server/domain/users/roles.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...domainBoundary.patterns, serverOnly] }] },
  },
  {
    files: ["components/**/*.{ts,tsx}", "app/**/*-form.tsx", "app/**/*-blade.tsx", "lib/**/*.tsx"],
    ignores: ["lib/trpc/server.tsx"],
    rules: { "no-restricted-imports": ["error", clientBoundary] },
  },
  {
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
