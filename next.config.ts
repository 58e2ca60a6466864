import type { NextConfig } from "next";

const config: NextConfig = {
  // Separate build folders let several checkouts or test runs build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "pino"],
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
  typedRoutes: false,
};

export default config;
