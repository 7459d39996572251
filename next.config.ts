import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and WebAssembly-backed server packages stay outside the bundle.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/schema-engine-wasm",
    "bullmq",
    "ioredis",
  ],
  poweredByHeader: false,
  typedRoutes: false,
};

export default config;
