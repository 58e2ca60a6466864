/** GET /openapi.json: the OpenAPI description of the automation API (what is implemented, from the route table). */
import { openApiDocument } from "@/server/arm/openapi";
import { requestOrigin } from "@/server/arm/handler";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return Response.json(openApiDocument(requestOrigin(request)));
}
