#!/usr/bin/env node
// Stands in for Prisma's native schema engine during `prisma generate`, which needs the
// binary to exist but does not run it. Anything that does run it gets a clear error:
// migrations here go through the WebAssembly engine (npm run db:migrate / db:migration).
import process from "node:process";

process.stderr.write("The native Prisma schema engine is not installed; use npm run db:migrate / db:migration.\n");
process.exit(1);
