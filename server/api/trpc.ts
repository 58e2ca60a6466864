import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { eq } from "drizzle-orm";
import { getDb, type DB, type Tx } from "@/db/client";
import { vaults } from "@/db/schema";
import { DomainError, type DomainErrorKind } from "@/server/domain/errors";
import type { VerbEnv } from "@/server/domain/env";
import { logger } from "@/server/lib/logger";
import { recordAudit } from "@/server/domain/audit/entries";
import { highestRole, memberRole } from "@/server/domain/users/members";
import { hasRole, OPERATIONS, ROLE_RANK, roleDenialReason, type Operation, type Role } from "@/server/domain/users/roles";
import { checkMutationRequest } from "@/server/auth/origin";
import { clientIpFrom } from "@/server/auth/ip";
import { getSessionUser } from "@/server/auth/session";

export type SessionUser = { id: string; email: string; name: string };

export type Context = {
  db: DB;
  user: SessionUser | null;
  headers: Headers;
  clientIp: string | null;
  /** Set by the role middleware: the caller's role in the vault of the request (or their highest role). */
  role?: Role | null;
  /** Set by the role middleware: the `vaultId` of the request's input, when it has one. */
  vaultId?: string | null;
};

export type ContextOptions = { headers: Headers; db?: DB; user?: SessionUser | null };

/** `user` undefined ⇒ resolved from the request's session cookie through Better Auth. */
export async function createContext(opts: ContextOptions): Promise<Context> {
  const headers = opts.headers;
  const user = opts.user !== undefined ? opts.user : await getSessionUser(headers);
  return { db: opts.db ?? getDb(), user, headers, clientIp: clientIpFrom(headers) };
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
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Something went wrong on the server. The operation did not change anything.",
  });
}

/** Every procedure declares who may call it; server/api/role-matrix.test.ts enumerates these. */
export type Meta = {
  /** Minimum vault role, or "anyone" for the few procedures that work signed out. */
  minRole?: Role | "anyone";
  /** The role-table operation this procedure performs (for the refusal message and users.me). */
  operation?: Operation;
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
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

export type { Role };
export { ROLE_RANK };

export const UNAUTHORIZED_MESSAGE = "Your session has expired or you are not signed in. Sign in again.";

/**
 * Minimum role for a procedure. Vault-scoped procedures take `vaultId` in their input: the role is
 * the caller's vault_members row for that vault. Procedures without `vaultId` use the caller's
 * highest role in any vault (reader-level ones only need a signed-in user).
 * A refusal is FORBIDDEN and lands in the activity log; signed-out callers get UNAUTHORIZED.
 */
const requireRole = (minRole: Role) =>
  t.middleware(async ({ ctx, next, getRawInput, path, type, meta }) => {
    const raw = await getRawInput().catch(() => undefined);
    const vaultId = raw && typeof raw === "object" && "vaultId" in raw && typeof raw.vaultId === "string" ? raw.vaultId : null;
    const operationLabel = meta?.operation ? OPERATIONS[meta.operation].label : path;
    const refuse = (code: "UNAUTHORIZED" | "FORBIDDEN", reason: string, role: Role | null) => {
      if (code === "FORBIDDEN" || type === "mutation") {
        try {
          recordAudit(ctx.db, {
            vaultId,
            userId: ctx.user?.id,
            userEmail: ctx.user?.email,
            role,
            operation: path,
            target: vaultId,
            input: raw,
            outcome: "refused",
            reason,
            clientIp: ctx.clientIp,
          });
        } catch (err) {
          logger.error({ err, path }, "could not write the refusal to the activity log");
        }
      }
      return new TRPCError({ code, message: reason });
    };

    if (type === "mutation") {
      const csrf = checkMutationRequest(ctx.headers);
      if (csrf) throw refuse("FORBIDDEN", csrf, null);
    }
    if (!ctx.user) throw refuse("UNAUTHORIZED", UNAUTHORIZED_MESSAGE, null);
    const role = vaultId ? memberRole(ctx.db, vaultId, ctx.user.id) : highestRole(ctx.db, ctx.user.id);
    const allowed = vaultId || minRole !== "reader" ? hasRole(role, minRole) : true;
    // An unknown vault is reported as such (the portal shows its not-found page), not as a refusal.
    if (!allowed && role === null && vaultId && !ctx.db.select({ id: vaults.id }).from(vaults).where(eq(vaults.id, vaultId)).get()) {
      throw new TRPCError({ code: "NOT_FOUND", message: `Vault '${vaultId}' was not found.` });
    }
    if (!allowed) throw refuse("FORBIDDEN", roleDenialReason(role, minRole, operationLabel) ?? "Not allowed.", role);
    return next({ ctx: { user: ctx.user, role, vaultId } });
  });

export const readerProcedure = publicProcedure.meta({ minRole: "reader" }).use(requireRole("reader"));
export const operatorProcedure = publicProcedure.meta({ minRole: "operator" }).use(requireRole("operator"));
export const contributorProcedure = publicProcedure.meta({ minRole: "contributor" }).use(requireRole("contributor"));
export const ownerProcedure = publicProcedure.meta({ minRole: "owner" }).use(requireRole("owner"));

export type MutationMeta = { operation: string; target?: string | null; input?: unknown; vaultId?: string | null };

/**
 * Runs a mutation's domain verb in one SQLite transaction together with its activity-log row.
 * When the verb throws, the transaction rolls back and a "refused" (DomainError, with its message
 * as reason) or "error" row is written in a transaction of its own; the error is then rethrown.
 */
export function runMutation<T>(ctx: Context, meta: MutationMeta, fn: (tx: Tx) => T): T {
  const entry = {
    vaultId: meta.vaultId ?? ctx.vaultId ?? null,
    userId: ctx.user?.id ?? null,
    userEmail: ctx.user?.email ?? null,
    role: ctx.role ?? null,
    operation: meta.operation,
    target: meta.target ?? null,
    input: meta.input,
    clientIp: ctx.clientIp,
  };
  try {
    // IMMEDIATE: the write lock is taken before the verb reads, so a write committed meanwhile by
    // another process on the same file (CLI, a second portal) cannot void the transaction (SQLITE_BUSY).
    return ctx.db.transaction(
      (tx) => {
        const result = fn(tx);
        if (result instanceof Promise) throw new Error("runMutation: the domain verb must be synchronous.");
        recordAudit(tx, { ...entry, outcome: "accepted" });
        return result;
      },
      { behavior: "immediate" },
    );
  } catch (err) {
    const refused =
      err instanceof DomainError || (err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR") || err instanceof ZodError;
    try {
      ctx.db.transaction((tx) =>
        recordAudit(tx, {
          ...entry,
          outcome: refused ? "refused" : "error",
          reason: refused ? (err as Error).message : "Something went wrong on the server. The operation did not change anything.",
        }),
      );
    } catch (auditErr) {
      logger.error({ err: auditErr, operation: meta.operation }, "could not write the failure to the activity log");
    }
    throw err;
  }
}

/** What a domain verb needs to know about the caller. */
export const verbEnv = (ctx: Context): VerbEnv => ({ userId: ctx.user?.id ?? null });

/**
 * The resolver of a mutation: one domain verb run through runMutation, so the verb and its
 * activity-log row share one transaction. The operation the log shows is the procedure's path
 * ("items.commit"), `target` names what the change is about, the verb always gets the caller
 * (verbEnv), and recordAudit redacts secrets from the logged input.
 *
 *   commit: operatorProcedure.meta({ operation: "commit" }).input(commitInput).mutation(verb(commit, (i) => i.itemId)),
 */
export function verb<I extends { vaultId: string }, R>(run: (tx: Tx, input: I, env: VerbEnv) => R, target: (input: I) => string | null) {
  return ({ ctx, input, path }: { ctx: Context; input: I; path: string }): R =>
    runMutation(ctx, { operation: path, target: target(input), input, vaultId: input.vaultId }, (tx) => run(tx, input, verbEnv(ctx)));
}
