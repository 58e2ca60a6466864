/**
 * The ARM error envelope `{ "error": { "code", "message", "details" } }` and the one mapping from
 * the portal's errors (DomainError, the tRPC procedures' refusals, bad input) to it. A DomainError
 * keeps its code; its possible causes, recommended action and field messages become details.
 */
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { DomainError, type DomainErrorKind } from "@/server/domain/errors";
import { logger } from "@/server/lib/logger";

export type ArmErrorDetail = { code: string; message: string; target?: string };

/** A refusal of the API layer itself (path, api-version, body shape), before any domain verb runs. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ArmErrorDetail[] = [],
  ) {
    super(message);
    this.name = "ArmError";
  }
}

export const badRequest = (code: string, message: string, target?: string) =>
  new ArmError(400, code, message, target ? [{ code, message, target }] : []);
export const resourceNotFound = (what: string, name: string) =>
  new ArmError(404, "ResourceNotFound", `The ${what} '${name}' was not found.`);

const KIND_STATUS: Record<DomainErrorKind, number> = { Invalid: 400, Forbidden: 403, NotFound: 404, NotAllowed: 409, Conflict: 409 };
const TRPC_STATUS: Partial<Record<TRPCError["code"], [number, string]>> = {
  BAD_REQUEST: [400, "InvalidInput"],
  UNAUTHORIZED: [401, "AuthenticationFailed"],
  FORBIDDEN: [403, "AuthorizationFailed"],
  NOT_FOUND: [404, "ResourceNotFound"],
  CONFLICT: [409, "Conflict"],
  PRECONDITION_FAILED: [409, "OperationNotAllowed"],
  TOO_MANY_REQUESTS: [429, "TooManyRequests"],
};

export const INTERNAL_MESSAGE = "Something went wrong on the server. The operation did not change anything.";

export type ArmErrorBody = { error: { code: string; message: string; details: ArmErrorDetail[] } };

function domainBody(err: DomainError): ArmErrorBody {
  const details: ArmErrorDetail[] = [];
  if (err.possibleCauses) details.push({ code: "PossibleCauses", message: err.possibleCauses });
  if (err.recommendedAction) details.push({ code: "RecommendedAction", message: err.recommendedAction });
  for (const [target, messages] of Object.entries(err.fieldErrors ?? {}))
    for (const message of messages) details.push({ code: err.code, message, target });
  return { error: { code: err.code, message: err.message, details } };
}

/** Any thrown value as an ARM status and body; unexpected errors are logged and say nothing of the server's insides. */
export function toArmError(err: unknown): { status: number; body: ArmErrorBody } {
  if (err instanceof ArmError)
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  const cause = err instanceof TRPCError ? err.cause : err;
  if (cause instanceof DomainError) return { status: KIND_STATUS[cause.kind], body: domainBody(cause) };
  if (cause instanceof ZodError || err instanceof ZodError) {
    const zod = (cause instanceof ZodError ? cause : err) as ZodError;
    const details = zod.issues.map((i) => ({ code: "InvalidInput", message: i.message, target: i.path.join(".") }));
    return { status: 400, body: { error: { code: "InvalidInput", message: "The input is not valid.", details } } };
  }
  if (err instanceof TRPCError) {
    const mapped = TRPC_STATUS[err.code];
    if (mapped) return { status: mapped[0], body: { error: { code: mapped[1], message: err.message, details: [] } } };
  }
  logger.error({ err }, "automation API: unexpected error");
  return { status: 500, body: { error: { code: "InternalError", message: INTERNAL_MESSAGE, details: [] } } };
}

export function errorResponse(err: unknown, headers?: HeadersInit): Response {
  const { status, body } = toArmError(err);
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  if (status === 401) h.set("www-authenticate", 'Bearer realm="Failback Portal", error="invalid_token"');
  return new Response(JSON.stringify(body), { status, headers: h });
}
