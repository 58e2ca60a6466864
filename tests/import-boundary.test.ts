import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

// The domain must stay pure: lint refuses UI, transport and framework imports there.
describe("import boundary of server/domain", () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath = "server/domain/boundary-fixture.ts") => {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  };

  it.each([
    ['import { redirect } from "next/navigation";', /Next\.js/],
    ['import { useState } from "react";', /React/],
    ['import { TRPCError } from "@trpc/server";', /tRPC/],
    ['import { Button } from "@/components/ui/button";', /components/],
    ['import { appRouter } from "@/server/api/root";', /server\/api/],
    ['import Page from "@/app/page";', /app\//],
    ['import { commitDefinition } from "@/server/jobs/definitions/commit";', /job definitions/],
  ])(
    "refuses %s",
    async (code, message) => {
      const errors = await lint(`${code}\nexport const x = 1;\n`);
      expect(errors.length).toBe(1);
      expect(errors[0]).toMatch(message);
    },
    120_000,
  );

  it("allows the database and other domain modules", async () => {
    expect(
      await lint(
        'import { eq } from "drizzle-orm";\nimport { DomainError } from "@/server/domain/errors";\nexport const x = [eq, DomainError];\n',
      ),
    ).toEqual([]);
  }, 120_000);

  it("refuses an error code written outside checks/codes.ts", async () => {
    const [result] = await eslint.lintText(
      'import { DomainError } from "@/server/domain/errors";\nexport const e = new DomainError("Invalid", { code: "Oops", message: "x" });\n',
      { filePath: "server/domain/boundary-fixture.ts" },
    );
    expect(result?.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message)).toEqual([
      "Error codes live in server/domain/checks/codes.ts: use CODES.<name>.",
    ]);
  }, 120_000);

  it("applies to the job engine and the fabric too", async () => {
    expect(await lint('import { NextResponse } from "next/server";\nexport const x = 1;\n', "server/jobs/fixture.ts")).toHaveLength(1);
    expect(await lint('import { NextResponse } from "next/server";\nexport const x = 1;\n', "server/fabric/fixture.ts")).toHaveLength(1);
  }, 120_000);
});

// Forms import the verbs' input schemas into the browser: those modules stay zod-only, and client code
// reaches the server only through them (a verb module would bring the database into the bundle).
describe("import boundary of the input schemas and of client code", () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(`${code}\nexport const x = 1;\n`, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  };

  it.each([
    ['import { eq } from "drizzle-orm";', "server/domain/replicated-item/inputs.ts"],
    ['import { getDb } from "@/db/client";', "server/domain/recovery-plan/inputs.ts"],
    ['import { enqueueJob } from "@/server/jobs/engine";', "server/domain/infrastructure/inputs.ts"],
    ['import { reprotectToOnPremises } from "@/server/domain/replicated-item/reprotect-to-on-premises";', "components/x/dialog.tsx"],
    ['import { DomainError } from "@/server/domain/errors";', "components/x/dialog.tsx"],
    ['import { getDb } from "@/db/client";', "app/(auth)/x/some-form.tsx"],
    ['import { appRouter } from "@/server/api/root";', "components/x/dialog.tsx"],
  ])(
    "refuses %s in %s",
    async (code, filePath) => {
      expect(await lint(code, filePath)).toHaveLength(1);
    },
    120_000,
  );

  it.each([
    ['import { z } from "zod";\nimport { reprotectChoices } from "../replicated-item/inputs";', "server/domain/recovery-plan/inputs.ts"],
    ['import type { ItemState } from "@/db/schema";', "server/domain/replicated-item/inputs.ts"],
    ['import { reprotectToOnPremisesInput } from "@/server/domain/replicated-item/inputs";', "components/x/dialog.tsx"],
    ['import { addUserInput } from "@/server/domain/users/schemas";', "app/(portal)/x/users-blade.tsx"],
    ['import { ROLES } from "@/server/domain/users/roles";', "components/x/dialog.tsx"],
    ['import type { Verdict } from "@/server/domain/replicated-item/state";', "components/x/dialog.tsx"],
  ])(
    "allows %s in %s",
    async (code, filePath) => {
      expect(await lint(code, filePath)).toEqual([]);
    },
    120_000,
  );
});
