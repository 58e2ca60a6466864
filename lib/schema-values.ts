/** What a form's values mean to a server schema. */
import { z } from "zod";

function isBlank(v: unknown): boolean {
  return (typeof v === "string" && v.trim() === "") || (typeof v === "number" && Number.isNaN(v));
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault
    ? unwrap(schema.unwrap() as z.ZodType)
    : schema;
}

/**
 * An empty input, select or number box of an OPTIONAL field means "not given": its "" (or NaN)
 * becomes undefined before the schema sees it, through nested objects and arrays. A required field
 * keeps its "" so the schema's own message ("Choose a process server.") is the one shown.
 */
export function withoutBlanks(schema: z.ZodType, value: unknown): unknown {
  const s = unwrap(schema);
  if (s instanceof z.ZodArray && Array.isArray(value)) return value.map((v) => withoutBlanks(s.element as z.ZodType, v));
  if (!(s instanceof z.ZodObject) || typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, field] of Object.entries(s.shape as Record<string, z.ZodType>)) {
    const v = out[key];
    out[key] = isBlank(v) && field.safeParse(undefined).success ? undefined : withoutBlanks(field, v);
  }
  return out;
}
