/**
 * Bearer authentication of the automation API with the user's personal access tokens. A missing,
 * unknown, expired or revoked token is 401 with a JSON body (never a redirect to the sign-in page:
 * a client would read an HTML 200 as an empty answer).
 */
import type { DB } from "@/db/client";
import { verifyToken, type TokenUser } from "@/server/domain/tokens/tokens";
import { ArmError } from "./errors";

export function bearerToken(headers: Headers): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return m ? m[1]! : null;
}

export function authenticate(db: DB, headers: Headers): TokenUser {
  const token = bearerToken(headers);
  if (!token)
    throw new ArmError(
      401,
      "AuthenticationFailed",
      "Authentication failed. The Authorization header is missing; send 'Bearer <personal access token>'.",
    );
  const user = db.transaction((tx) => verifyToken(tx, token));
  if (!user)
    throw new ArmError(
      401,
      "InvalidAuthenticationToken",
      "The access token is invalid, expired or revoked. Create a new one on your Profile page.",
    );
  return user;
}
