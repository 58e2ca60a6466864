import "server-only";
import { TRPCError } from "@trpc/server";

/** Calls a server-side procedure and turns NOT_FOUND into null, so pages can call notFound(). */
export async function loadOrNotFound<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}
