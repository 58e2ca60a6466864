import { TRPCError } from "@trpc/server";

/** The tRPC error code a call ends with, or null when it succeeds (router tests). */
export async function errorCodeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof TRPCError ? e.code : "NOT_TRPC";
  }
}
