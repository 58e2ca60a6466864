/** The automation API (server/arm): ARM paths under /subscriptions/…, bearer tokens, JSON answers. */
import { handleArmRequest } from "@/server/arm/handler";
// Route handlers are a separate module graph from instrumentation: register the job definitions here too.
import "@/server/jobs/definitions";

export const dynamic = "force-dynamic";

const handler = (request: Request) => handleArmRequest(request);

export { handler as GET, handler as POST, handler as PUT, handler as DELETE, handler as PATCH };
