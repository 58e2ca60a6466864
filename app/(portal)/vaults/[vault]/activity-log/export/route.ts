import { getDb } from "@/db/client";
import { getSessionUser } from "@/server/auth/session";
import { clientIpFrom } from "@/server/auth/ip";
import { auditEntryChunks, csvHeader, csvLine, recordAudit, type AuditOutcome } from "@/server/domain/audit/entries";
import { auditViewer, memberRole } from "@/server/domain/users/members";
import { ID_MAX } from "@/server/domain/targets";
import { can, denialReason } from "@/server/domain/users/roles";

export const dynamic = "force-dynamic";

const OUTCOMES: AuditOutcome[] = ["accepted", "refused", "error"];

function date(v: string | null): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** CSV export of the activity log (Owner and Contributor), streamed row by row. */
export async function GET(req: Request, { params }: { params: Promise<{ vault: string }> }) {
  const { vault: vaultId } = await params;
  const db = getDb();
  const user = await getSessionUser(req.headers);
  if (!user) return new Response("Sign in to export the activity log.", { status: 401 });
  const role = memberRole(db, vaultId, user.id);
  const clientIp = clientIpFrom(req.headers);
  /** Every export, refused or accepted, is itself in the activity log (outside any vault when the caller has no role in it). */
  const audit = (entry: { outcome: "refused" | "accepted"; reason?: string; input?: unknown }) =>
    recordAudit(db, {
      vaultId: role ? vaultId : null,
      userId: user.id,
      userEmail: user.email,
      role,
      operation: "activity.export",
      target: vaultId.slice(0, ID_MAX),
      clientIp,
      ...entry,
    });
  // No role in the vault: the same answer as for a vault that does not exist.
  if (!role) {
    audit({ outcome: "refused", reason: "No role in the vault named by the request." });
    return new Response(`Vault '${vaultId.slice(0, ID_MAX)}' was not found, or you have no role in it.`, { status: 404 });
  }
  if (!can(role, "exportActivityLog")) {
    const reason = denialReason(role, "exportActivityLog") ?? "Not allowed.";
    audit({ outcome: "refused", reason });
    return new Response(reason, { status: 403 });
  }
  const q = new URL(req.url).searchParams;
  const outcome = q.get("outcome") as AuditOutcome | null;
  const filter = {
    vaultId,
    viewer: auditViewer(db, user.id),
    user: q.get("user") || undefined,
    operation: q.get("operation") || undefined,
    outcome: outcome && OUTCOMES.includes(outcome) ? outcome : undefined,
    from: date(q.get("from")),
    to: date(q.get("to")),
  };
  audit({ outcome: "accepted", input: { ...filter, viewer: undefined } });
  // Every matching row, however many: read a chunk at a time by cursor as the client takes them.
  const chunks = auditEntryChunks(db, filter);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader()));
    },
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    cancel() {
      chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="activity-log-${vaultId}-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
