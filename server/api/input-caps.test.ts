/**
 * Every string a procedure or the automation API takes has a length cap (ids at most 200
 * characters, names and texts their own limits): a 10,000-character value is refused by the schema,
 * before any lookup. Walks the router and the API's body schemas, at every depth, so a new
 * procedure or body with an uncapped string fails here.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as armBody from "@/server/arm/body";
import * as armItems from "@/server/arm/routes/items";
import * as armPlans from "@/server/arm/routes/plans";
import * as armPolicies from "@/server/arm/routes/policies";
import { appRouter } from "./root";

type ProcDef = { _def: { inputs?: z.ZodType[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, ProcDef> } })._def.procedures);

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  getter?: () => z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number; length?: number } } }[];
};
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

/** The largest cap a string may have (the longest text a form takes is a 1,000-character comment). */
const LONGEST = 4_000;

/** Where, at any depth, `schema` takes a string without a cap of at most LONGEST characters. */
function uncappedStrings(schema: z.ZodType, at = "", seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const d = defOf(schema);
  const walk = (t: z.ZodType | null | undefined, where: string) => (t ? uncappedStrings(t, where, seen) : []);
  switch (d.type) {
    case "string": {
      const caps = (d.checks ?? []).map((c) => c._zod.def).filter((c) => c.check === "max_length" || c.check === "length_equals");
      return caps.some((c) => (c.maximum ?? c.length ?? Infinity) <= LONGEST) ? [] : [at || "(input)"];
    }
    case "object":
      return [...Object.entries(d.shape ?? {}).flatMap(([k, v]) => walk(v, at ? `${at}.${k}` : k)), ...walk(d.catchall, `${at}.*`)];
    case "array":
      return walk(d.element, `${at}[]`);
    case "union":
      return (d.options ?? []).flatMap((o) => walk(o, at));
    case "intersection":
      return [...walk(d.left, at), ...walk(d.right, at)];
    case "record":
      return [...walk(d.keyType, `${at}{key}`), ...walk(d.valueType, `${at}{}`)];
    case "tuple":
      return [...(d.items ?? []).flatMap((t, i) => walk(t, `${at}[${i}]`)), ...walk(d.rest, `${at}[]`)];
    case "pipe":
      return walk(d.in, at);
    case "lazy":
      return walk(d.getter?.(), at);
    default:
      return walk(d.innerType, at);
  }
}

describe("string caps at every depth", () => {
  it("finds an uncapped string wherever it is nested", () => {
    const nested = z.object({ a: z.array(z.object({ b: z.union([z.number(), z.string().optional()]) })), c: z.string().max(10) });
    expect(uncappedStrings(nested)).toEqual(["a[].b"]);
    expect(uncappedStrings(z.object({ big: z.string().max(1_000_000) }))).toEqual(["big"]);
  });

  it.each(procedures.map(([p, def]) => [p, def] as const))("%s", (_path, p) => {
    expect((p._def.inputs ?? []).flatMap((schema) => uncappedStrings(schema))).toEqual([]);
  });

  const armModules: Record<string, unknown>[] = [armBody, armItems, armPlans, armPolicies];
  const armSchemas = armModules.flatMap((m) =>
    Object.entries(m).flatMap(([name, v]) => (v instanceof z.ZodType ? [[name, v as z.ZodType] as const] : [])),
  );
  it("checks the automation API's body schemas", () => {
    expect(armSchemas.map(([name]) => name)).toEqual(
      expect.arrayContaining(["reprotectBody", "inMageReprotect", "createBody", "testFailoverCleanupBody"]),
    );
  });

  it.each(armSchemas)("automation API %s", (_name, schema) => {
    expect(uncappedStrings(schema)).toEqual([]);
  });

  it("the automation API's body schemas are all exported, so the walk above sees each", () => {
    const dir = path.join(process.cwd(), "server/arm/routes");
    for (const file of readdirSync(dir)) {
      const source = readFileSync(path.join(dir, file), "utf8");
      expect(source.match(/^const \w+ = (z\b|withProperties\()/gm) ?? [], file).toEqual([]);
    }
  });
});

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
