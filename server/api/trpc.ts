import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { getDb, type DB } from "@/db/client";
import { DomainError, type DomainErrorKind } from "@/server/domain/errors";
import { logger } from "@/server/lib/logger";

export type SessionUser = { id: string; email: string; name: string };

export type Context = {
  db: DB;
  user: SessionUser | null;
  headers: Headers;
  clientIp: string | null;
};

export type ContextOptions = { headers: Headers; db?: DB; user?: SessionUser | null };

export async function createContext(opts: ContextOptions): Promise<Context> {
  const headers = opts.headers;
  const clientIp = headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? headers.get("x-real-ip") ?? null;
  return { db: opts.db ?? getDb(), user: opts.user ?? null, headers, clientIp };
}

const KIND_TO_CODE: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  Invalid: "BAD_REQUEST",
  NotAllowed: "PRECONDITION_FAILED",
  Conflict: "CONFLICT",
  NotFound: "NOT_FOUND",
  Forbidden: "FORBIDDEN",
};

/** The one place where domain errors become transport errors. */
export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof DomainError) return new TRPCError({ code: KIND_TO_CODE[err.kind], message: err.message, cause: err });
  if (err instanceof ZodError) return new TRPCError({ code: "BAD_REQUEST", message: "The input is not valid.", cause: err });
  logger.error({ err }, "unexpected error");
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on the server. The operation did not change anything." });
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const domain = cause instanceof DomainError ? cause.toJSON() : null;
    const zod = cause instanceof ZodError ? z.flattenError(cause) : null;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      message: internal ? "Something went wrong on the server. The operation did not change anything." : shape.message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        domainError: domain,
        fieldErrors: zod?.fieldErrors ?? domain?.fieldErrors ?? null,
        formErrors: zod?.formErrors ?? null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error.cause ?? result.error);
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);
export const middleware = t.middleware;
