import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { AUDIT_OUTCOMES } from "@/db/schema";
import { listAuditEntries, listAuditOperations } from "@/server/domain/audit/entries";
import { createTRPCRouter, readerProcedure } from "../trpc";
import { auditViewer } from "@/server/domain/users/members";
import { vaultInput } from "../inputs";

export const activityFilterInput = z.object({
  vaultId: z.string().max(ID_MAX).min(1),
  user: z.string().trim().max(320).optional(),
  operation: z.string().trim().max(100).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
});

export const activityRouter = createTRPCRouter({
  list: readerProcedure
    .meta({ operation: "view" })
    .input(activityFilterInput)
    .query(({ ctx, input }) =>
      // Rows name people by email; user ids stay inside the server.
      listAuditEntries(ctx.db, {
        ...input,
        viewer: auditViewer(ctx.db, ctx.user.id),
        user: input.user || undefined,
        operation: input.operation || undefined,
        limit: input.limit ?? 200,
      }).map(({ userId: _userId, ...row }) => row),
    ),
  operations: readerProcedure
    .meta({ operation: "view" })
    .input(vaultInput)
    .query(({ ctx, input }) => listAuditOperations(ctx.db, input.vaultId, auditViewer(ctx.db, ctx.user.id))),
});
