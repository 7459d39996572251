/**
 * Canvas benchmark: time to interactive and frames per second while dragging a node, for
 * flows of 100, 500 and 1,000 nodes, in Chromium driven by Playwright.
 *
 *   node --import tsx bench/canvas/run.ts [--sizes 100,500,1000] [--runs 3] [--edge-layer-from N] [--write]
 *
 * The page is the editor's real canvas (components/canvas) bundled for production with
 * esbuild and served from 127.0.0.1 with no app server (bench/canvas/bench-page.tsx).
 * `--write` replaces the Canvas section of bench/RESULTS.md with the medians.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type CDPSession } from "@playwright/test";
import { bundle, chromiumPath, launchArgs, root, serve } from "./harness";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const sizes = (arg("sizes") ?? "100,500,1000").split(",").map(Number);
const runs = Number(arg("runs") ?? "3");
const write = process.argv.includes("--write");
/** From how many edges the canvas draws them itself; a large number keeps React Flow's edges throughout. */
const edgeLayerFrom = arg("edge-layer-from");

interface Sample {
  interactiveMs: number;
  /** Frames per second in which the dragged node was drawn at a new position. */
  dragFps: number;
  /** Animation frames per second during the drag, moved or not. */
  paintedFps: number;
  frames: number;
  /** Main-thread busy time (CDP TaskDuration) until interactive, and per dragged frame. */
  loadCpuMs: number;
  cpuPerFrameMs: number;
}

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(url: string, n: number): Promise<Sample> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: launchArgs,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.goto(`${url}?n=${n}${edgeLayerFrom === undefined ? "" : `&edgeLayerFrom=${edgeLayerFrom}`}`);
    await page.waitForFunction(() => window.__bench?.interactiveAt !== undefined, undefined, { timeout: 120_000, polling: 50 });
    const interactiveMs = await page.evaluate(() => window.__bench!.interactiveAt!);
    const loadCpuMs = await taskMs(cdp);
    // Drag one node for two seconds with continuous pointer moves, counting painted frames.
    const box = await page.locator('[data-testid="flow-node-n1"]').boundingBox();
    if (!box) throw new Error("node n1 is not rendered");
    const x0 = box.x + box.width / 2;
    const y0 = box.y + Math.min(10, box.height / 2);
    // A string, not a function: the TypeScript loader would wrap named inner functions in a helper the page lacks.
    await page.evaluate(
      `window.__frames = 0; window.__moved = 0; window.__counting = true;
       (function tick(last) {
         if (!window.__counting) return;
         window.__frames++;
         const t = document.querySelector('[data-testid="flow-node-n1"]')?.parentElement?.style.transform;
         if (last !== undefined && t !== last) window.__moved++;
         requestAnimationFrame(() => tick(t));
       })();`,
    );
    await page.mouse.move(x0, y0);
    const cpuBefore = await taskMs(cdp);
    await page.mouse.down();
    const started = Date.now();
    let i = 0;
    while (Date.now() - started < 2000) {
      i++;
      await page.mouse.move(x0 + Math.sin(i / 10) * 150, y0 + Math.cos(i / 10) * 80);
    }
    const elapsed = (Date.now() - started) / 1000;
    // End where the node stays on screen: the circle can leave it outside the viewport, where
    // only visible elements are rendered and the check below would find no node.
    await page.mouse.move(x0 + 40, y0 + 20);
    await page.mouse.up();
    const { frames, moved } = await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __moved: number; __counting: boolean };
      w.__counting = false;
      return { frames: w.__frames, moved: w.__moved };
    });
    const cpuPerFrameMs = ((await taskMs(cdp)) - cpuBefore) / Math.max(1, moved);
    const after = await page.locator('[data-testid="flow-node-n1"]').boundingBox();
    if (!after || (Math.abs(after.x - box.x) < 1 && Math.abs(after.y - box.y) < 1)) throw new Error("the drag did not move the node");
    return { interactiveMs, dragFps: moved / elapsed, frames, paintedFps: frames / elapsed, loadCpuMs, cpuPerFrameMs };
  } finally {
    await browser.close();
  }
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  let chrome = "Chromium";
  try {
    chrome = execFileSync(chromiumPath() ?? "chromium", ["--version"], { encoding: "utf8" }).trim();
  } catch {
    // keep the generic name
  }
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chrome}, headless, --disable-gpu, viewport 1280×800`;
}

/** The one-minute load average when the measurements started (the section also gives it at the end). */
let loadAtStart = 0;

async function main() {
  loadAtStart = os.loadavg()[0]!;
  await bundle();
  const server = await serve();
  const rows: Row[] = [];
  try {
    for (const n of sizes) {
      const all: Sample[] = [];
      for (let r = 0; r < runs; r++) all.push(await measure(server.url, n));
      const row = {
        n,
        tti: median(all.map((s) => s.interactiveMs)),
        fps: median(all.map((s) => s.dragFps)),
        cpu: median(all.map((s) => s.loadCpuMs)),
        frameCpu: median(all.map((s) => s.cpuPerFrameMs)),
        all,
      };
      rows.push(row);
      console.log(
        `${n} nodes: interactive ${row.tti.toFixed(0)} ms (main thread ${row.cpu.toFixed(0)} ms), drag ${row.fps.toFixed(1)} fps (${row.frameCpu.toFixed(1)} ms main thread per frame)`,
      );
    }
  } finally {
    server.close();
  }
  if (write) writeResults(rows);
}

interface Row {
  n: number;
  tti: number;
  fps: number;
  cpu: number;
  frameCpu: number;
  all: Sample[];
}

/** Whether the targets are met, from the medians of the sizes they are about (when measured). */
function verdict(rows: Row[]): string {
  const at = (n: number) => rows.find((r) => r.n === n);
  const parts: string[] = [];
  const big = at(1000);
  if (big)
    parts.push(`${(big.tti / 1000).toFixed(2)} s to interactive at 1,000 nodes (target < 1.5 s): ${big.tti < 1500 ? "met" : "missed"}`);
  const mid = at(500);
  if (mid) parts.push(`${mid.fps.toFixed(1)} fps dragging at 500 nodes (target ≥ 50): ${mid.fps >= 50 ? "met" : "missed"}`);
  return parts.length > 0 ? `Targets: ${parts.join("; ")}.` : "";
}

function writeResults(rows: Row[]) {
  const file = path.join(root, "bench/RESULTS.md");
  const date = new Date().toISOString().slice(0, 10);
  const table = [
    "| nodes | time to interactive | main-thread work until interactive | drag fps | main-thread work per drag update | runs (tti / fps) |",
    "| ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.tti.toFixed(0)} ms | ${r.cpu.toFixed(0)} ms | ${r.fps.toFixed(1)} | ${r.frameCpu.toFixed(1)} ms | ${r.all.map((s) => `${s.interactiveMs.toFixed(0)} ms / ${s.dragFps.toFixed(1)}`).join("; ")} |`,
    ),
  ].join("\n");
  const section = [
    "## Canvas",
    "",
    "`node --import tsx bench/canvas/run.ts --write` — the editor's canvas (`components/canvas`, production React build) rendering a generated flow at fit view, so every node is on screen; no app server (`bench/canvas/bench-page.tsx`).",
    "Time to interactive: from navigation start until React Flow has measured every node and two more frames have painted. Drag fps: frames per second in which the dragged node appeared at a new position, while Playwright moves the pointer continuously for 2 s (each move waits for the page to take the previous one, so a slow page gets fewer moves).",
    "Targets: < 1.5 s to interactive at 1,000 nodes; ≥ 50 fps dragging at 500.",
    "",
    `Measured ${date} on ${machine()}; ${rows[0]?.all.length ?? 0} runs per size (medians), each in a fresh browser; one-minute load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end, on ${os.cpus().length} cores.`,
    "Main-thread work is Chromium's TaskDuration: the time the page's main thread was busy. It is wall time too, so on a loaded machine it grows with the load; it excludes idle waiting, not CPU contention.",
    "",
    table,
    "",
    verdict(rows),
    "",
  ].join("\n");
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n\n";
  const start = existing.indexOf("## Canvas");
  let next: string;
  if (start < 0) next = `${existing.trimEnd()}\n\n${section}`;
  else {
    // The section ends where the next one (or another script's marked block) begins.
    const ends = ["\n## ", "\n<!-- "].map((m) => existing.indexOf(m, start + 1)).filter((i) => i >= 0);
    const after = ends.length > 0 ? Math.min(...ends) : -1;
    next = existing.slice(0, start) + section + (after < 0 ? "" : existing.slice(after + 1));
  }
  writeFileSync(file, next);
  console.log(`Wrote the Canvas section of ${path.relative(root, file)}`);
}

await main();
