/**
 * Every string a procedure takes has a length cap (ids at most 200 characters, names and texts
 * their own limits): a 10,000-character value is refused by the schema, before any lookup.
 * Walks the router, so a new procedure with an uncapped string fails here.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { appRouter } from "./root";

type ProcDef = { _def: { inputs?: z.ZodType[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, ProcDef> } })._def.procedures);

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; in?: z.ZodType; element?: z.ZodType };
const defOf = (t: z.ZodType) => (t as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional / nullable / default / pipe wrappers. */
function unwrap(t: z.ZodType): z.ZodType {
  let d = defOf(t);
  while (["optional", "nullable", "default", "prefault", "readonly", "nonoptional"].includes(d.type) || d.type === "pipe") {
    t = d.type === "pipe" ? d.in! : d.innerType!;
    d = defOf(t);
  }
  return t;
}

/** The top-level string fields of an object input (and of arrays of strings), by name. */
function stringFields(schema: z.ZodType): string[] {
  const d = defOf(unwrap(schema));
  if (d.type !== "object" || !d.shape) return [];
  return Object.entries(d.shape).flatMap(([key, field]) => {
    const f = defOf(unwrap(field));
    if (f.type === "string") return [key];
    if (f.type === "array" && f.element && defOf(unwrap(f.element)).type === "string") return [`${key}[]`];
    return [];
  });
}

describe("input length caps", () => {
  const cases = procedures.flatMap(([path, p]) =>
    (p._def.inputs ?? []).flatMap((schema) => stringFields(schema).map((field) => ({ path, schema, field }))),
  );

  it("finds the string fields of the procedures' inputs", () => {
    expect(cases.length).toBeGreaterThan(50);
    expect(cases.some((c) => c.path === "infrastructure.processServers.get" && c.field === "serverId")).toBe(true);
  });

  it.each(cases.map((c) => [`${c.path} ${c.field}`, c] as const))("%s refuses 10,000 characters", (_name, { schema, field }) => {
    const long = "x".repeat(10_000);
    const key = field.replace(/\[\]$/, "");
    const value = field.endsWith("[]") ? [long] : long;
    const r = schema.safeParse({ [key]: value });
    expect(r.success).toBe(false);
    expect(r.error!.issues.some((i) => i.path[0] === key)).toBe(true);
  });
});
