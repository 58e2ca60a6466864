import { createCallerFactory, createTRPCRouter } from "./trpc";
import { vaultRouter } from "./routers/vault";
import { itemsRouter } from "./routers/items";
import { infrastructureRouter } from "./routers/infrastructure";
import { policiesRouter } from "./routers/policies";
import { plansRouter } from "./routers/plans";
import { usersRouter } from "./routers/users";
import { activityRouter } from "./routers/activity";
import { jobsRouter } from "./routers/jobs";
import { labRouter } from "./routers/lab";
import { tokensRouter } from "./routers/tokens";
import { changesRouter } from "./routers/changes";

export const appRouter = createTRPCRouter({
  vault: vaultRouter,
  items: itemsRouter,
  infrastructure: infrastructureRouter,
  policies: policiesRouter,
  plans: plansRouter,
  users: usersRouter,
  activity: activityRouter,
  jobs: jobsRouter,
  lab: labRouter,
  tokens: tokensRouter,
  changes: changesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
