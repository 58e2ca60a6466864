import { z } from "zod";
import { DomainError } from "./errors";
import { CODES } from "./checks/codes";

export { vaultTarget } from "./targets";

/** Parses verb input; a bad field becomes DomainError Invalid with field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new DomainError("Invalid", {
    code: CODES.invalidInput,
    message: `The input is not valid: ${Object.entries(fieldErrors)
      .map(([k, v]) => `${k}: ${v.join(", ")}`)
      .join("; ")}.`,
    recommendedAction: "Correct the highlighted fields and try again.",
    fieldErrors,
  });
}

/** A filter that takes one value or several (a URL holds one, the API may send many); always an array after parsing. */
export const oneOrMany = <T extends z.ZodType>(t: T) =>
  z
    .union([t, z.array(t)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));
