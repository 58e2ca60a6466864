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
    30_000,
  );

  it("allows the database and other domain modules", async () => {
    expect(
      await lint(
        'import { eq } from "drizzle-orm";\nimport { DomainError } from "@/server/domain/errors";\nexport const x = [eq, DomainError];\n',
      ),
    ).toEqual([]);
  }, 30_000);

  it("refuses an error code written outside checks/codes.ts", async () => {
    const [result] = await eslint.lintText(
      'import { DomainError } from "@/server/domain/errors";\nexport const e = new DomainError("Invalid", { code: "Oops", message: "x" });\n',
      { filePath: "server/domain/boundary-fixture.ts" },
    );
    expect(result?.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message)).toEqual([
      "Error codes live in server/domain/checks/codes.ts: use CODES.<name>.",
    ]);
  }, 30_000);

  it("applies to the job engine and the fabric too", async () => {
    expect(await lint('import { NextResponse } from "next/server";\nexport const x = 1;\n', "server/jobs/fixture.ts")).toHaveLength(1);
    expect(await lint('import { NextResponse } from "next/server";\nexport const x = 1;\n', "server/fabric/fixture.ts")).toHaveLength(1);
  }, 30_000);
});
