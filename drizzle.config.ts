import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dbCredentials: { url: (process.env.DATABASE_URL ?? "file:data/portal.db").replace(/^file:/, "") },
  strict: true,
  verbose: false,
});
