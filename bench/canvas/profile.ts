/**
 * Where the canvas spends a drag: a CPU profile (self time by function, bottom-up) and
 * Chromium's script / style / layout totals while one node is dragged for two seconds.
 *
 *   node --import tsx bench/canvas/profile.ts [--n 500] [--top 30] [--edge-layer-from N]
 *
 * The bundle is not minified, so function names are readable; figures are for finding causes,
 * not for bench/RESULTS.md (run.ts records those).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { bundle, chromiumPath, launchArgs, out, serve } from "./harness";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const n = Number(arg("n") ?? "500");
const top = Number(arg("top") ?? "30");
/** Extra CSS for experiments, e.g. `--css ".react-flow__minimap{display:none}"`. */
const css = arg("css");
/** From how many edges the canvas draws them itself; a large number keeps React Flow's edges. */
const edgeLayerFrom = arg("edge-layer-from");
const query = `?n=${n}${edgeLayerFrom === undefined ? "" : `&edgeLayerFrom=${edgeLayerFrom}`}`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** Thread CPU time, µs: unlike `dur`, it does not grow when other processes hold the CPU. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Main-thread time by trace event name (top-level and nested events both count: a ranking, not a sum). */
/** Returns the main thread's CPU time (ms) in top-level tasks. */
function summariseTrace(events: TraceEvent[]): number {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  if (!main) return 0;
  const by = new Map<string, { ms: number; cpu: number; count: number }>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== "X" || !e.dur) continue;
    const v = by.get(e.name) ?? { ms: 0, cpu: 0, count: 0 };
    v.ms += e.dur / 1000;
    v.cpu += (e.tdur ?? 0) / 1000;
    v.count++;
    by.set(e.name, v);
  }
  console.log("main thread by trace event (wall ms, thread CPU ms, count):");
  for (const [k, v] of [...by].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 25))
    console.log(`${v.ms.toFixed(0).padStart(7)} ms ${v.cpu.toFixed(0).padStart(7)} ms ${String(v.count).padStart(6)}×  ${k}`);
  // CPU of every renderer thread (top-level tasks only).
  const names = new Map(
    events.filter((e) => e.name === "thread_name" && e.pid === main.pid).map((e) => [e.tid, e.args?.name ?? String(e.tid)]),
  );
  const cpu = new Map<string, number>();
  for (const e of events)
    if (e.pid === main.pid && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask") {
      const k = names.get(e.tid) ?? String(e.tid);
      cpu.set(k, (cpu.get(k) ?? 0) + (e.tdur ?? 0) / 1000);
    }
  console.log("renderer threads, CPU ms:", Object.fromEntries([...cpu].map(([k, v]) => [k, Math.round(v)])));
  return by.get("RunTask")?.cpu ?? 0;
}

function summariseProfile(profile: Profile) {
  const total = profile.nodes.reduce((s, p) => s + (p.hitCount ?? 0), 0);
  // Inclusive time: a function's samples plus its callees', each function counted once per stack.
  const byId = new Map(profile.nodes.map((p) => [p.id, p]));
  const parent = new Map<number, number>();
  for (const p of profile.nodes) for (const c of p.children ?? []) parent.set(c, p.id);
  const inclusive = new Map<string, number>();
  for (const p of profile.nodes) {
    if (!p.hitCount) continue;
    const seen = new Set<string>();
    for (let at: number | undefined = p.id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (!f.url.endsWith("page.js") || !f.functionName) continue;
      const key = `${f.functionName}:${f.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + p.hitCount);
    }
  }
  console.log(`inclusive time, share of ${total} samples:`);
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  const self = new Map<string, number>();
  for (const p of profile.nodes) {
    const key = `${p.callFrame.functionName || "(anonymous)"} ${path.basename(p.callFrame.url)}:${p.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.hitCount ?? 0));
  }
  console.log(`self time, share of ${total} samples:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}

async function main() {
  await bundle({ minify: false });
  const server = await serve();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: launchArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    if (process.argv.includes("--load")) {
      // Where loading goes: trace and profile from navigation until interactive, then stop.
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
      await page.goto(`${server.url}${query}`);
      await page.waitForFunction(() => window.__bench?.interactiveAt !== undefined, undefined, { timeout: 120_000, polling: 50 });
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
      summariseTrace((JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents);
      console.log(`interactive at ${(await page.evaluate(() => window.__bench!.interactiveAt!)).toFixed(0)} ms`);
      summariseProfile(profile);
      return;
    }
    await page.goto(`${server.url}${query}`);
    await page.waitForFunction(() => window.__bench?.interactiveAt !== undefined, undefined, { timeout: 120_000, polling: 50 });
    if (css) await page.addStyleTag({ content: css });
    await page.waitForTimeout(300);
    if (process.argv.includes("--layers")) {
      let layers: { layerId: string; width: number; height: number; drawsContent: boolean; compositingReasons?: string[] }[] = [];
      cdp.on("LayerTree.layerTreeDidChange", (e) => (layers = (e.layers ?? []) as typeof layers));
      await cdp.send("LayerTree.enable");
      await page.mouse.move(5, 5);
      await page.mouse.move(600, 400);
      await page.waitForTimeout(500);
      const reasons = new Map<string, number>();
      for (const l of layers) {
        const r = (await cdp.send("LayerTree.compositingReasons", { layerId: l.layerId })).compositingReasonIds?.join(",") ?? "";
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
      console.log(`${layers.length} composited layers:`, Object.fromEntries(reasons));
      await cdp.send("LayerTree.disable");
    }
    const box = (await page.locator('[data-testid="flow-node-n1"]').boundingBox())!;
    const x0 = box.x + box.width / 2;
    const y0 = box.y + Math.min(10, box.height / 2);
    await page.mouse.move(x0, y0);
    const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value * 1000]));
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    const before = await metrics();
    await cdp.send("Profiler.start");
    await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    await page.evaluate(
      `window.__moved = 0; window.__counting = true;
       (function tick(last) {
         if (!window.__counting) return;
         const t = document.querySelector('[data-testid="flow-node-n1"]')?.parentElement?.style.transform;
         if (last !== undefined && t !== last) window.__moved++;
         requestAnimationFrame(() => tick(t));
       })();`,
    );
    await page.mouse.down();
    const started = Date.now();
    let i = 0;
    while (Date.now() - started < 2000) {
      i++;
      await page.mouse.move(x0 + Math.sin(i / 10) * 150, y0 + Math.cos(i / 10) * 80);
    }
    await page.mouse.up();
    const moved = await page.evaluate(() => {
      const w = window as unknown as { __moved: number; __counting: boolean };
      w.__counting = false;
      return w.__moved;
    });
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
    const after = await metrics();
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
    const mainCpu = summariseTrace(trace.traceEvents);
    console.log(`${moved} frames with the node moved; main-thread CPU ${(mainCpu / Math.max(1, moved)).toFixed(1)} ms per moved frame`);
    writeFileSync(path.join(out, `drag-${n}.cpuprofile`), JSON.stringify(profile));
    const delta = (k: string) => ((after[k] ?? 0) - (before[k] ?? 0)).toFixed(0);
    console.log(
      `${n} nodes, ${i} pointer moves in 2 s: task ${delta("TaskDuration")} ms (${(Number(delta("TaskDuration")) / i).toFixed(1)} ms per move), script ${delta("ScriptDuration")} ms, style ${delta("RecalcStyleDuration")} ms, layout ${delta("LayoutDuration")} ms`,
    );
    summariseProfile(profile);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
