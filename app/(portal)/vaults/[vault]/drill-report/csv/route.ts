import { getDb } from "@/db/client";
import { getSessionUser } from "@/server/auth/session";
import { DomainError } from "@/server/domain/errors";
import { drillReport, drillReportCsv } from "@/server/domain/replicated-item/history";
import { memberRole } from "@/server/domain/users/members";
import { can, denialReason } from "@/server/domain/users/roles";

export const dynamic = "force-dynamic";

/** The drill evidence report as CSV: `?item=<id>` or `?plan=<id>` (its latest test failover). */
export async function GET(req: Request, { params }: { params: Promise<{ vault: string }> }) {
  const { vault: vaultId } = await params;
  const db = getDb();
  const user = await getSessionUser(req.headers);
  if (!user) return new Response("Sign in to export the drill report.", { status: 401 });
  const role = memberRole(db, vaultId, user.id);
  if (!can(role, "view")) return new Response(denialReason(role, "view") ?? "Not allowed.", { status: 403 });
  const q = new URL(req.url).searchParams;
  const plan = q.get("plan");
  const item = q.get("item");
  if (!plan && !item) return new Response("Say which item (?item=) or recovery plan (?plan=) the report is about.", { status: 400 });
  let report;
  try {
    report = drillReport(db, vaultId, plan ? { planId: plan } : { itemId: item! });
  } catch (err) {
    if (err instanceof DomainError) return new Response(err.message, { status: err.kind === "NotFound" ? 404 : 400 });
    throw err;
  }
  if (!report) return new Response("There is no test failover to report on yet: run Test failover first.", { status: 404 });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const name = report.subject.name.replace(/[^A-Za-z0-9_.-]/g, "_");
  return new Response(drillReportCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="drill-report-${name}-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
