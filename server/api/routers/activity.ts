import { z } from "zod";
import { ID_MAX } from "@/server/domain/targets";
import { AUDIT_OUTCOMES } from "@/db/schema";
import { AUDIT_ORDERS, MAX_AUDIT_PAGE, listAuditOperations, listAuditPage } from "@/server/domain/audit/entries";
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
});

export const activityPageInput = activityFilterInput.extend({
  order: z.enum(AUDIT_ORDERS).optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).optional(),
});

export const activityRouter = createTRPCRouter({
  list: readerProcedure
    .meta({ operation: "view" })
    .input(activityPageInput)
    .query(({ ctx, input }) => {
      // One page (at most MAX_AUDIT_PAGE rows) filtered and ordered in SQL, the next page's cursor, the total.
      const page = listAuditPage(ctx.db, {
        ...input,
        viewer: auditViewer(ctx.db, ctx.user.id),
        user: input.user || undefined,
        operation: input.operation || undefined,
      });
      // Rows name people by email; user ids stay inside the server.
      return { ...page, items: page.items.map(({ userId: _userId, ...row }) => row) };
    }),
  operations: readerProcedure
    .meta({ operation: "view" })
    .input(vaultInput)
    .query(({ ctx, input }) => listAuditOperations(ctx.db, input.vaultId, auditViewer(ctx.db, ctx.user.id))),
});
