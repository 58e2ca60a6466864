import "server-only";

import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { makeQueryClient } from "./query-client";

export const getQueryClient = cache(makeQueryClient);

const createRscContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createContext({ headers: h });
});

/** Options proxy for prefetching in server components. */
export const trpc = createTRPCOptionsProxy({ ctx: createRscContext, router: appRouter, queryClient: getQueryClient });

/** Direct calls from server components (no cache hydration). */
export const serverCaller = cache(async () => appRouter.createCaller(await createRscContext()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/** Prefetches a query for hydration; false when the server answered NOT_FOUND. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tRPC queryOptions() result
export async function prefetchOrNotFound(options: any): Promise<boolean> {
  try {
    await getQueryClient().fetchQuery(options);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "NOT_FOUND") return false;
    throw err;
  }
}
