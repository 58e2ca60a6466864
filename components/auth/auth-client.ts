"use client";

import { createAuthClient } from "better-auth/react";

/** Better Auth's browser client: same origin, /api/auth. */
export const authClient = createAuthClient();

/** Only same-site relative paths are followed after sign-in (no open redirect): lib/safe-next.ts. */
export { safeNext } from "@/lib/safe-next";
