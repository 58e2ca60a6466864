import { getDb } from "@/db/client";
import { clientIpFrom } from "@/server/auth/ip";
import { checkMutationRequest } from "@/server/auth/origin";
import { setUpFirstAdministrator } from "@/server/auth/users";
import { DomainError } from "@/server/domain/errors";
import { logger } from "@/server/lib/logger";

export const dynamic = "force-dynamic";

/** Name, email, password and the setup token: a few hundred bytes. */
const MAX_BODY_BYTES = 16_384;

const STATUS: Record<DomainError["kind"], number> = { Invalid: 400, Forbidden: 403, NotFound: 404, Conflict: 409, NotAllowed: 409 };

function refuse(status: number, message: string, fieldErrors?: Record<string, string[]>) {
  return Response.json({ ok: false, message, fieldErrors }, { status });
}

/**
 * POST /api/setup — "Create the first administrator": JSON { token, name, email, password } from
 * the portal's own origin. Refused (403) without this server's one-time setup token, and once any
 * user exists; nothing is written on a refusal.
 */
export async function POST(req: Request) {
  const refused = checkMutationRequest(req.headers);
  if (refused) return refuse(403, refused);
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) return refuse(415, "Send JSON.");
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return refuse(413, "The request is too large.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, "The request is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return refuse(400, "Send an object with name, email, password and token.");
  const { token, ...input } = body as Record<string, unknown>;
  try {
    await setUpFirstAdministrator(getDb(), input, clientIpFrom(req.headers), token);
    return Response.json({ ok: true });
  } catch (err) {
    if (err instanceof DomainError) return refuse(STATUS[err.kind], err.message, err.fieldErrors);
    logger.error({ err }, "could not create the first administrator");
    return refuse(500, "Something went wrong on the server. Nothing was created.");
  }
}
