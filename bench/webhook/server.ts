/**
 * The server side of the webhook benchmark, in its own process so the load generator does
 * not share its event loop:
 *   --mode thin  the webhook endpoint (lib/server/triggers) on a bare Node http listener,
 *                with the embedded runtime executing the runs and the SQLite run store;
 *   --mode bare  a plain Node http server doing the same flow's work by hand (parse the JSON,
 *                add a field, test it, answer JSON) and recording nothing.
 * Prints {"port":N} on its first line of output once it listens.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { mode: { type: "string", default: "thin" } } });

async function main(): Promise<void> {
  if (values.mode === "bare") {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { amount?: number };
        const tagged = { seen: true, amount: body.amount };
        const big = (tagged.amount ?? 0) > 100;
        const text = JSON.stringify(big ? { big: true, amount: tagged.amount } : "small");
        res.writeHead(big ? 201 : 200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
        res.end(text);
      });
    });
    server.keepAliveTimeout = 65_000;
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
    });
    return;
  }
  const { getRuntime, closeRuntime } = await import("@/lib/server/runtime/get-runtime");
  const { getWebhookIngest } = await import("@/lib/server/triggers/webhook-endpoint");
  const { createHookListener } = await import("@/lib/server/triggers/hooks/hook-listener");
  await getRuntime().start();
  const server = createHookListener(getWebhookIngest());
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
  });
  process.on("SIGTERM", () => {
    server.close();
    void closeRuntime(5_000).then(() => process.exit(0));
  });
}

void main();
