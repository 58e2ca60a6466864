import type { SessionUser } from "@/server/api/trpc";
import { getAuth } from "./auth";

/** The signed-in user of a request, or null (expired, revoked or absent session). */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  try {
    const session = await getAuth().api.getSession({ headers });
    if (!session) return null;
    return { id: session.user.id, email: session.user.email, name: session.user.name };
  } catch {
    return null;
  }
}
