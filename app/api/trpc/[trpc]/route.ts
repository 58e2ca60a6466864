import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { logger } from "@/server/lib/logger";

export const dynamic = "force-dynamic";

/** No form of the portal sends anywhere near this much; a bigger body is refused unread. */
const MAX_BODY_BYTES = 1_000_000;

const handler = (req: Request) => {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES)
    return Response.json(
      { error: { json: { message: "The request is too large.", code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } } },
      { status: 413 },
    );
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ path, err: error.cause ?? error }, "tRPC internal error");
    },
  });
};

export { handler as GET, handler as POST };
