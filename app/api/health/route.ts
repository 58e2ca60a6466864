import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for the e2e server wait and for monitoring. */
export function GET() {
  getDb().run(sql`select 1`);
  return Response.json({ status: "ok" });
}
