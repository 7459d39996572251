/** What the canvas benchmark and the drag profiler share: the bundled bench page, a static server, the browser. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import postcss from "postcss";
import tailwind from "@tailwindcss/postcss";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const out = path.join(root, "bench/out/canvas");

export async function bundle({ minify = true }: { minify?: boolean } = {}): Promise<void> {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(here, "bench-page.tsx")],
    bundle: true,
    outfile: path.join(out, "page.js"),
    format: "esm",
    minify,
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    alias: { "@": root },
    logLevel: "error",
  });
  const source = `@import "tailwindcss";\n@source "${path.join(root, "components")}";\n`;
  const css = await postcss([tailwind({ base: root }) as postcss.AcceptedPlugin]).process(source, { from: path.join(out, "input.css") });
  writeFileSync(path.join(out, "tailwind.css"), css.css);
  writeFileSync(
    path.join(out, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="tailwind.css"><link rel="stylesheet" href="page.css"></head><body><div id="root"></div><script type="module" src="page.js"></script></body></html>`,
  );
}

export function serve(): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
  const server = createServer((req, res) => {
    const file = path.join(out, new URL(req.url ?? "/", "http://x").pathname.replace(/^\/$/, "/index.html"));
    if (!file.startsWith(out) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() }),
    ),
  );
}

export function chromiumPath(): string | undefined {
  if (process.env.SWITCHYARD_CHROMIUM) return process.env.SWITCHYARD_CHROMIUM;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export const launchArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
