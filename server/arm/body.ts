/**
 * Request bodies of the automation API, validated with zod. The SDK does not validate enum values
 * and drops unknown fields, so the discriminators (`instanceType`, exact case), directions and
 * recovery point types are checked here: a bad value is 400 in the ARM envelope, never a guess.
 */
import { z } from "zod";
import { ArmError, badRequest } from "./errors";

export const FAILOVER_DIRECTIONS = ["PrimaryToRecovery", "RecoveryToPrimary"] as const;
export const RECOVERY_POINT_TYPES = ["LatestTime", "LatestTag", "Custom"] as const;

const enumMessage = (values: readonly string[]) => ({
  error: () => `Expected one of ${values.map((v) => `'${v}'`).join(", ")} (exact case).`,
});
export const failoverDirection = z.enum(FAILOVER_DIRECTIONS, enumMessage(FAILOVER_DIRECTIONS));
export const recoveryPointType = z.enum(RECOVERY_POINT_TYPES, enumMessage(RECOVERY_POINT_TYPES));

/**
 * The longest string field of a body: ids are often whole ARM resource ids
 * (`/subscriptions/…/replicationProtectedItems/…`, a few hundred characters).
 */
export const ARM_TEXT_MAX = 1024;
/** A string of a body (an id, a name, a type): at most ARM_TEXT_MAX characters. */
export const armText = z.string().max(ARM_TEXT_MAX, `At most ${ARM_TEXT_MAX} characters.`);
/** A required id or name of a body: `message` says which when it is missing. */
export const armId = (message?: string) => armText.min(1, message);

/** A provider-specific input: `instanceType` must be one of `allowed`, exactly. */
export function instanceTypeOf(details: unknown, allowed: readonly string[], target: string): string | undefined {
  if (details === undefined || details === null) return undefined;
  const type = typeof details === "object" ? (details as { instanceType?: unknown }).instanceType : undefined;
  if (typeof type !== "string" || !allowed.includes(type))
    throw new ArmError(
      400,
      "InvalidInstanceType",
      `${target}.instanceType must be ${allowed.map((a) => `'${a}'`).join(" or ")} (exact case); got ${JSON.stringify(type ?? null)}.`,
      [{ code: "InvalidInstanceType", message: `Use ${allowed.join(" or ")}.`, target: `${target}.instanceType` }],
    );
  return type;
}

/** Parses `body` with `schema`; failures are 400 InvalidInput with one detail per field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, root = "properties"): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({
    code: "InvalidInput",
    message: i.message,
    target: i.path.reduce<string>((at, k) => (typeof k === "number" ? `${at}[${k}]` : at ? `${at}.${String(k)}` : String(k)), root),
  }));
  throw new ArmError(
    400,
    "InvalidInput",
    `The request body is not valid: ${details.map((d) => `${d.target}: ${d.message}`).join("; ")}`,
    details,
  );
}

/** `{ properties: … }` with the given properties schema (properties may be absent when all are optional). */
export const withProperties = <S extends z.ZodType>(props: S) => z.object({ properties: props.optional() }).passthrough();

/** testFailoverCleanup of an item or a plan: a comment of at most 1,000 characters. */
export const testFailoverCleanupBody = withProperties(z.object({ comments: z.string().max(1000).optional() }).passthrough());

/**
 * The clauses of a `$filter`, one at a time: `Name eq 'value'` joined by `and` (a quote inside the
 * value doubled), as `name` (as written), `key` (lower case) and the unquoted `value`. A clause
 * written otherwise is 400 when it is reached.
 */
export function* filterClauses(raw: string | null): Generator<{ name: string; key: string; value: string }> {
  if (!raw?.trim()) return;
  for (const clause of raw.split(/\s+and\s+/i)) {
    const m = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause);
    if (!m)
      throw badRequest(
        "InvalidFilter",
        `Cannot read the $filter clause "${clause.trim()}": use Name eq 'value' joined by 'and'.`,
        "$filter",
      );
    yield { name: m[1]!, key: m[1]!.toLowerCase(), value: m[2]!.replace(/''/g, "'") };
  }
}
