/**
 * Checks that the canvas's own edge layer (used from `EDGE_LAYER_FROM` edges on) draws and
 * selects edges as React Flow's edge components do, in Chromium: the same edges with the same
 * paths, found by the same `.react-flow__edge` selectors; a click selects an edge and
 * highlights it; a click on the pane or on a node deselects it; with the multi-selection key
 * a second edge joins the selection; the edges of a dragged node follow it. Both ways of
 * drawing are checked on the same flow, and draw the same paths after the same drag.
 *
 *   node --import tsx bench/canvas/edges-check.ts [--n 40]
 *
 * Exits non-zero on the first difference.
 */
import { chromium, type Page } from "@playwright/test";
import { bundle, chromiumPath, launchArgs, serve } from "./harness";

const i = process.argv.indexOf("--n");
const n = i >= 0 ? Number(process.argv[i + 1]) : 40;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`edge check failed: ${what}`);
  console.log(`  ok  ${what}`);
}

/** The `d` of every drawn edge, by edge id. */
async function paths(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll(".react-flow__edge")].map((g) => [
        g.getAttribute("data-id") ?? "",
        g.querySelector(".react-flow__edge-path")?.getAttribute("d") ?? "",
      ]),
    ),
  );
}

/**
 * The same commands and the same numbers to a hundredth of a pixel: React Flow measures handles
 * on screen and divides by the zoom, so two page loads can differ in the last digits.
 */
function samePath(a: string, b: string): boolean {
  const parts = (d: string) => d.split(/[ ,]/).map((t) => t.replace(/-?[\d.]+/g, (x) => Number(x).toFixed(2)));
  return parts(a).join(" ") === parts(b).join(" ");
}

const selected = (page: Page) => page.locator(".react-flow__edge.selected").evaluateAll((gs) => gs.map((g) => g.getAttribute("data-id")));

async function clickEdge(page: Page, id: string, modifiers: ("Shift" | "Control")[] = []): Promise<void> {
  // The middle of the visible path, where the wide transparent one is clicked.
  const at = await page.evaluate((edgeId) => {
    const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${edgeId}"] .react-flow__edge-path`)!;
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
  }, id);
  for (const k of modifiers) await page.keyboard.down(k);
  await page.mouse.click(at.x, at.y + 2);
  for (const k of modifiers) await page.keyboard.up(k);
}

async function run(page: Page, url: string, edgeLayerFrom: number): Promise<Record<string, string>> {
  await page.goto(`${url}?n=${n}&edgeLayerFrom=${edgeLayerFrom}`);
  await page.waitForFunction(() => window.__bench?.interactiveAt !== undefined, undefined, { timeout: 60_000 });
  const own = (await page.locator(".react-flow__edge-layer").count()) === 1;
  console.log(own ? "the canvas's own edge layer:" : "React Flow's edges:");
  check(own === edgeLayerFrom <= n - 1, own ? "edges drawn in one svg" : "edges drawn by React Flow");
  const drawn = await paths(page);
  check(Object.keys(drawn).length === n - 1, `${n - 1} .react-flow__edge elements`);
  await clickEdge(page, "e5");
  check(JSON.stringify(await selected(page)) === '["e5"]', "a click selects the edge");
  const stroke = (id: string) =>
    page.locator(`.react-flow__edge[data-id="${id}"] .react-flow__edge-path`).evaluate((p) => getComputedStyle(p).stroke);
  check((await stroke("e5")) !== (await stroke("e6")), "the selected edge is highlighted");
  await clickEdge(page, "e7", ["Shift"]);
  check(JSON.stringify(await selected(page)) === '["e5","e7"]', "with the multi-selection key a second edge joins");
  await clickEdge(page, "e6");
  check(JSON.stringify(await selected(page)) === '["e6"]', "a click without it selects that edge alone");
  await page.mouse.click(5, 5);
  check((await selected(page)).length === 0, "a click on the pane deselects it");
  await clickEdge(page, "e6");
  await page.locator('[data-testid="flow-node-n3"]').click();
  check((await selected(page)).length === 0, "a click on a node deselects it");
  // Drag node n5: its edges follow it, during the drag and after the drop; other edges stay.
  const box = (await page.locator('[data-testid="flow-node-n5"]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + box.width / 2 + step * 6, box.y + 8 + step * 4);
  const during = await paths(page);
  if (own)
    check(
      (await page.locator('.react-flow__edge-layer [data-id="e5"]').count()) === 0 &&
        (await page.locator('.react-flow__edge-layer [data-id="e20"]').count()) === 1,
      "while dragging, the node's edges are drawn apart from the others",
    );
  await page.mouse.up();
  const after = await paths(page);
  check(
    during.e5 !== drawn.e5 && during.e6 !== drawn.e6 && after.e5 !== drawn.e5 && after.e6 !== drawn.e6,
    "the dragged node's edges follow it",
  );
  check(samePath(during.e20!, drawn.e20!) && samePath(after.e20!, drawn.e20!), "the other edges stay");
  if (own) check((await page.locator('.react-flow__edge-layer [data-id="e5"]').count()) === 1, "after the drop they rejoin the others");
  check(Object.keys(after).length === n - 1, `still ${n - 1} .react-flow__edge elements`);
  return after;
}

await bundle();
const server = await serve();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: launchArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const theirs = await run(page, server.url, 1_000_000);
  const ours = await run(page, server.url, 1);
  const differ = Object.keys(theirs).filter((id) => !samePath(theirs[id]!, ours[id] ?? ""));
  check(differ.length === 0, `the same path for every edge${differ.length ? ` (differ: ${differ.join(", ")})` : ""}`);
} finally {
  await browser.close();
  server.close();
}
