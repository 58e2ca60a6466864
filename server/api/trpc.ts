import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { getDb, type DB, type Tx } from "@/db/client";
import { ID_MAX } from "@/server/domain/targets";
import { DomainError, type DomainErrorKind } from "@/server/domain/errors";
import type { VerbEnv } from "@/server/domain/env";
import { logger } from "@/server/lib/logger";
import { recordAudit } from "@/server/domain/audit/entries";
import { highestRole, memberRole } from "@/server/domain/users/members";
import { hasRole, OPERATIONS, ROLE_RANK, roleDenialReason, type Operation, type Role } from "@/server/domain/users/roles";
import { checkMutationRequest } from "@/server/auth/origin";
import { clientIpFrom } from "@/server/auth/ip";
import { getSessionUser } from "@/server/auth/session";
import { publishChanges } from "@/server/changes/feed";

function publishCommitted(db: DB): void {
  try {
    publishChanges(db);
  } catch (err) {
    // The change is committed; a stream that missed it catches up at the engine's next tick.
    logger.error({ err }, "change feed: cannot publish");
  }
}

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

/**
 * The one place errors leave a procedure: a DomainError or a ZodError becomes its transport error;
 * tRPC's own refusals (401, 403, 404, 400 …) pass as they are; anything else is a 500.
 */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const err = result.error;
  if (err.cause instanceof DomainError || err.cause instanceof ZodError) throw toTRPCError(err.cause);
  if (err.code !== "INTERNAL_SERVER_ERROR") throw err;
  throw toTRPCError(err.cause ?? err);
});

/** Limits on a request's input before any schema sees it: deeper or bigger than any form sends. */
export const INPUT_LIMITS = { depth: 24, nodes: 20_000, stringLength: 100_000 } as const;

function inputTooLarge(value: unknown): string | null {
  let nodes = 0;
  const walk = (v: unknown, depth: number): string | null => {
    if (++nodes > INPUT_LIMITS.nodes) return "The input has too many values.";
    if (typeof v === "string") return v.length > INPUT_LIMITS.stringLength ? "A value of the input is too long." : null;
    if (v === null || typeof v !== "object") return null;
    if (depth >= INPUT_LIMITS.depth) return "The input is nested too deeply.";
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  return walk(value, 0);
}

/**
 * Reads the request's input (JSON from `?input=` or the body, then superjson). A malformed one is
 * the client's mistake: 400, never a 500. Called only once the caller is authenticated.
 */
async function readRawInput(getRawInput: () => Promise<unknown>): Promise<unknown> {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch (cause) {
    throw new TRPCError({
      code: "PARSE_ERROR",
      message: "The request's input could not be read: it is not valid JSON for this API.",
      cause,
    });
  }
  const problem = inputTooLarge(raw);
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
  return raw;
}

/** For procedures that work signed out: the input is read (and refused when malformed) first. */
const rawInputCheck = t.middleware(async ({ getRawInput, next }) => {
  await readRawInput(getRawInput);
  return next();
});

const baseProcedure = t.procedure.use(errorMapping);
export const publicProcedure = baseProcedure.use(rawInputCheck);
export const middleware = t.middleware;
export type { Role };
export { ROLE_RANK };

export const UNAUTHORIZED_MESSAGE = "Your session has expired or you are not signed in. Sign in again.";

/**
 * Requests refused before authentication (no session, or not from this portal) are counted, not
 * written to the activity log: anyone can send them, so they must not fill the log or name a vault.
 * The count goes to the server log at most once a minute.
 */
const anonymousRefusals = { count: 0, since: Date.now(), lastLogged: 0 };
export function countAnonymousRefusal(path: string, now = Date.now()): void {
  anonymousRefusals.count++;
  if (now - anonymousRefusals.lastLogged < 60_000) return;
  logger.warn(
    { refused: anonymousRefusals.count, since: new Date(anonymousRefusals.since).toISOString(), lastPath: path.slice(0, 100) },
    "requests refused before sign-in",
  );
  anonymousRefusals.lastLogged = now;
  anonymousRefusals.count = 0;
  anonymousRefusals.since = now;
}

/** The vault a request names, when its input has a usable `vaultId`. */
function vaultIdOf(raw: unknown): string | null {
  if (!raw || typeof raw !== "object" || !("vaultId" in raw)) return null;
  const v = raw.vaultId;
  return typeof v === "string" && v.length > 0 && v.length <= ID_MAX ? v : null;
}

/** What a caller without a role in a vault hears, whether or not the vault exists. */
export const vaultNotFound = (vaultId: string) =>
  new TRPCError({ code: "NOT_FOUND", message: `Vault '${vaultId.slice(0, ID_MAX)}' was not found, or you have no role in it.` });

/**
 * Minimum role for a procedure, checked in this order:
 * 1. a mutation must come from this portal (Origin / Fetch Metadata, JSON body): else 403;
 * 2. the caller must be signed in: else 401, before the input is even read;
 * 3. the input is read (malformed: 400);
 * 4. vault-scoped procedures take `vaultId` in their input: the caller's role in that vault decides.
 *    No role in it gives the same 404 as a vault that does not exist (ids are not probed this way);
 *    a role too low gives 403. Procedures without `vaultId` use the caller's highest role.
 * Refusals of signed-in callers land in the activity log: under the vault when they belong to it,
 * else as a row of their own outside any vault. Refusals before sign-in are only counted.
 */
const requireRole = (minRole: Role) =>
  t.middleware(async ({ ctx, next, getRawInput, path, type, meta }) => {
    const operationLabel = meta?.operation ? OPERATIONS[meta.operation].label : path;
    const record = (vaultId: string | null, role: Role | null, reason: string, raw: unknown, target: string | null) => {
      if (!ctx.user) return;
      try {
        recordAudit(ctx.db, {
          vaultId,
          userId: ctx.user.id,
          userEmail: ctx.user.email,
          role,
          operation: path,
          target: target?.slice(0, ID_MAX) ?? null,
          input: raw,
          outcome: "refused",
          reason,
          clientIp: ctx.clientIp,
        });
      } catch (err) {
        logger.error({ err, path }, "could not write the refusal to the activity log");
      }
    };
    if (type === "mutation") {
      const csrf = checkMutationRequest(ctx.headers);
      if (csrf) {
        if (ctx.user) record(null, null, csrf, undefined, null);
        else countAnonymousRefusal(path);
        throw new TRPCError({ code: "FORBIDDEN", message: csrf });
      }
    }
    if (!ctx.user) {
      countAnonymousRefusal(path);
      throw new TRPCError({ code: "UNAUTHORIZED", message: UNAUTHORIZED_MESSAGE });
    }
    const raw = await readRawInput(getRawInput);
    const vaultId = vaultIdOf(raw);
    const role = vaultId ? memberRole(ctx.db, vaultId, ctx.user.id) : highestRole(ctx.db, ctx.user.id);
    if (vaultId && role === null) {
      if (type === "mutation") record(null, null, "No role in the vault named by the request.", raw, vaultId);
      throw vaultNotFound(vaultId);
    }
    const allowed = vaultId || minRole !== "reader" ? hasRole(role, minRole) : true;
    if (!allowed) {
      const reason = roleDenialReason(role, minRole, operationLabel) ?? "Not allowed.";
      record(vaultId, role, reason, raw, vaultId);
      throw new TRPCError({ code: "FORBIDDEN", message: reason });
    }
    return next({ ctx: { user: ctx.user, role, vaultId } });
  });

export const readerProcedure = baseProcedure.meta({ minRole: "reader" }).use(requireRole("reader"));
export const operatorProcedure = baseProcedure.meta({ minRole: "operator" }).use(requireRole("operator"));
export const contributorProcedure = baseProcedure.meta({ minRole: "contributor" }).use(requireRole("contributor"));
export const ownerProcedure = baseProcedure.meta({ minRole: "owner" }).use(requireRole("owner"));

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
    const result = ctx.db.transaction(
      (tx) => {
        const result = fn(tx);
        if (result instanceof Promise) throw new Error("runMutation: the domain verb must be synchronous.");
        recordAudit(tx, { ...entry, outcome: "accepted" });
        return result;
      },
      { behavior: "immediate" },
    );
    // Committed: the vault's open change streams hear of it now (a refused verb changed nothing).
    publishCommitted(ctx.db);
    return result;
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
