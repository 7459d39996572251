import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signedInAccount } from "./support/accounts";

/**
 * The editor as a person uses it, with the mouse: build a five-node flow from the palette,
 * wire it, configure it with expressions, save, reload, test a node, run it with parameters
 * and watch it, undo and redo a deletion, and restore an older version.
 */

const SCREENSHOTS = path.resolve("docs/screenshots");

const node = (page: Page, id: string) => page.getByTestId(`flow-node-${id}`);

async function dragFromPalette(page: Page, type: string, x: number, y: number): Promise<void> {
  const canvas = page.getByTestId("flow-canvas");
  await page.getByTestId(`palette-${type}`).dragTo(canvas, { targetPosition: { x, y } });
}

/** Drags from a node's output port to another node's input port. */
async function connect(page: Page, from: Locator, port: string, to: Locator): Promise<void> {
  // Dragging a wire near the edge pans the canvas; fit the flow first so both ends are on screen.
  await page.getByRole("button", { name: "Fit view" }).first().click();
  await page.waitForTimeout(450);
  const source = from.locator(`.react-flow__handle.source[data-handleid="${port}"]`);
  const target = to.locator(`.react-flow__handle.target`);
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function select(page: Page, id: string): Promise<void> {
  // Near the node's top-left corner: the header, clear of its ports at any zoom.
  await node(page, id).click({ position: { x: 24, y: 10 } });
  await expect(page.getByTestId("inspector")).toBeVisible();
}

async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 20_000 });
}

test("build, configure, save, reload, test, run and watch, undo/redo, restore a version", async ({ page, context }, testInfo) => {
  test.setTimeout(240_000);
  const account = await signedInAccount(context, { name: "Canvas Tester" });
  const slug = account.workspace.slug;
  mkdirSync(SCREENSHOTS, { recursive: true });

  await page.goto(`/w/${slug}`);
  await page.getByRole("button", { name: "New flow" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/flows/[A-Za-z0-9_-]+$`));
  await expect(page.getByText("Drag a trigger here to start")).toBeVisible();

  // A run parameter, from the flow panel.
  await page.getByLabel("New parameter name").fill("name");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByLabel("name description").fill("Who to greet");
  await page.getByTestId("parameters-editor").getByText("Required").click();

  // Five nodes from the palette, dropped where they belong.
  await dragFromPalette(page, "core.trigger.manual", 120, 200);
  await expect(node(page, "manual1")).toBeVisible();
  await expect(page.getByText("Drag a trigger here to start")).toBeHidden();
  await dragFromPalette(page, "core.data.set-fields", 380, 200);
  await dragFromPalette(page, "core.logic.if", 640, 200);
  await dragFromPalette(page, "core.artifact.markdown", 640, 60);
  await dragFromPalette(page, "core.artifact.markdown", 640, 380);
  for (const id of ["setFields1", "if1", "markdown1", "markdown2"]) await expect(node(page, id)).toBeVisible();
  // Wire them up, then let auto-layout tidy the flow.
  await connect(page, node(page, "manual1"), "out", node(page, "setFields1"));
  await connect(page, node(page, "setFields1"), "out", node(page, "if1"));
  await connect(page, node(page, "if1"), "true", node(page, "markdown1"));
  await connect(page, node(page, "if1"), "false", node(page, "markdown2"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  // A cycle is refused.
  await connect(page, node(page, "if1"), "true", node(page, "setFields1"));
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await page.getByRole("button", { name: "Auto-layout" }).click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: testInfo.outputPath("wired.png") });

  // Configure with expressions, using the completion list.
  await select(page, "setFields1");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("Fields key 1").fill("greeting");
  const value = page.getByLabel("Fields value 1");
  await value.click();
  await value.pressSequentially("Hello {{ params.");
  await expect(page.getByRole("listbox", { name: "Expression completions" })).toContainText("name");
  await page.getByRole("option", { name: /^name/ }).click();
  await value.pressSequentially(" }}");
  await expect(value).toHaveValue("Hello {{ params.name }}");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("Fields key 2").fill("source");
  await page.getByLabel("Fields value 2").fill("editor");

  await select(page, "if1");
  await page.getByTestId("field-condition").getByRole("combobox").fill("$exists(greeting)");
  await select(page, "markdown1");
  await page.getByTestId("field-title").getByRole("combobox").fill("Greeting");
  await page.getByTestId("field-body").getByRole("combobox").fill("# Welcome\n\n{{ nodes.setFields1.output.greeting }}!");
  await select(page, "markdown2");
  await page.getByTestId("field-body").getByRole("combobox").fill("No greeting today.");
  await expect(page.getByTestId("problem-count")).toBeHidden();
  await waitSaved(page);

  // A named version of this state.
  await page.getByRole("button", { name: "Save version" }).click();
  await page.getByLabel("What changed?").fill("Greeting flow");
  await page.getByRole("dialog").getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Version saved.")).toBeVisible();

  // Reload: the graph is still there.
  await page.reload();
  for (const id of ["manual1", "setFields1", "if1", "markdown1", "markdown2"]) await expect(node(page, id)).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  // Test one node and see its output.
  await select(page, "setFields1");
  await page.getByRole("button", { name: "Test this node" }).click();
  await expect(page.getByTestId("test-state")).toHaveText(/Completed/, { timeout: 30_000 });
  await expect(page.getByTestId("node-output")).toContainText("source");
  await expect(page.getByTestId("node-output")).toContainText("editor");
  await page.getByTestId("node-output").getByRole("button", { name: "Table", exact: true }).click();
  await expect(page.getByTestId("data-table")).toContainText("greeting");
  await page.screenshot({ path: testInfo.outputPath("test-node.png") });

  // Run with parameters and watch the states change.
  await page.getByRole("button", { name: "Close inspector" }).click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.getByRole("dialog").getByLabel(/^name/).fill("Ada");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByTestId("run-panel")).toBeVisible();
  // The run panel takes the bottom of the window: fit the flow into what is left.
  await page.getByRole("button", { name: "Fit view" }).first().click();
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "completed", { timeout: 60_000 });
  await expect(node(page, "markdown1")).toHaveAttribute("data-state", "completed");
  await expect(node(page, "markdown2")).toHaveAttribute("data-state", "skipped");
  await expect(page.getByTestId("node-state-setFields1")).toHaveText(/Completed/);
  await page.screenshot({ path: testInfo.outputPath("run-watched.png") });
  await page.screenshot({ path: path.join(SCREENSHOTS, "editor.png") });

  // The output of the run is offered in the inspector, with a live preview of expressions.
  await select(page, "markdown1");
  await expect(page.getByTestId("expression-preview").first()).toContainText("Hello Ada");

  // The run page: timeline, step output and the artifact.
  await page.getByTestId("open-run-page").click();
  await expect(page.getByTestId("run-page")).toBeVisible();
  await expect(page.getByTestId("gantt")).toContainText("setFields1");
  await expect(page.getByTestId("artifact")).toContainText("Hello Ada!");
  await expect(page.getByRole("heading", { name: "Welcome" })).toBeVisible();
  await page.getByTestId("gantt").getByText("setFields1").click();
  await expect(page.getByTestId("step-details")).toContainText("Hello Ada");
  await page.screenshot({ path: testInfo.outputPath("run-page.png"), fullPage: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, "run-page.png"), fullPage: true });
  await page.goBack();

  // Undo and redo a deletion.
  await expect(node(page, "markdown2")).toBeVisible();
  await select(page, "markdown2");
  await page.getByTestId("flow-canvas").focus();
  await page.keyboard.press("Delete");
  await expect(node(page, "markdown2")).toHaveCount(0);
  await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "markdown2")).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(node(page, "markdown2")).toHaveCount(0);
  await waitSaved(page);

  // Restore the older version: the deleted node comes back.
  await page.getByRole("button", { name: "Versions" }).click();
  await expect(page.getByTestId("versions-list")).toContainText("Greeting flow");
  await page.getByRole("button", { name: "Restore version 1" }).click();
  await page.getByRole("button", { name: "Restore v1" }).click();
  await expect(page.getByText("Restored version 1.")).toBeVisible();
  await expect(node(page, "markdown2")).toBeVisible();
  await page.reload();
  await expect(node(page, "markdown2")).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
});

test("the shortcut sheet opens with ? and copy/paste duplicates nodes as flow JSON", async ({ page, context }) => {
  const account = await signedInAccount(context);
  await page.goto(`/w/${account.workspace.slug}`);
  await page.getByRole("button", { name: "New flow" }).click();
  await expect(page.getByText("Drag a trigger here to start")).toBeVisible();
  await page.getByRole("button", { name: "Add a manual trigger" }).click();
  await expect(node(page, "manual1")).toBeVisible();
  // Click-to-add from the palette places the node next to the last one.
  await page.getByTestId("palette-core.data.set-fields").click();
  await expect(node(page, "setFields1")).toBeVisible();

  await page.getByTestId("flow-canvas").click({ position: { x: 30, y: 30 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("ControlOrMeta+c");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toMatchObject({ schema: "switchyard.flow/v1", nodes: [{ id: "manual1" }, { id: "setFields1" }] });
  await page.keyboard.press("ControlOrMeta+v");
  await expect(node(page, "manual2")).toBeVisible();
  await expect(node(page, "setFields2")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+z");
  await expect(node(page, "manual2")).toHaveCount(0);
});

test("palette search, and a conflicting save in another tab is reported, not overwritten", async ({ page, context }) => {
  const account = await signedInAccount(context);
  await page.goto(`/w/${account.workspace.slug}`);
  await page.getByRole("button", { name: "New flow" }).click();
  await expect(page.getByText("Drag a trigger here to start")).toBeVisible();

  // Search narrows the palette to matching node types.
  await page.getByPlaceholder("Search nodes…").fill("markdown");
  await expect(page.getByTestId("palette-core.artifact.markdown")).toBeVisible();
  await expect(page.getByTestId("palette-core.logic.if")).toHaveCount(0);
  await page.getByTestId("palette-core.artifact.markdown").click();
  await expect(node(page, "markdown1")).toBeVisible();
  await page.getByPlaceholder("Search nodes…").fill("");
  await expect(page.getByTestId("palette-core.logic.if")).toBeVisible();
  await waitSaved(page);

  // The same flow in a second tab saves first; this tab's next save is refused and says so.
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(node(other, "markdown1")).toBeVisible();
  await other.getByTestId("palette-core.logic.if").click();
  await expect(node(other, "if1")).toBeVisible();
  await waitSaved(other);

  await page.getByTestId("palette-core.data.set-fields").click();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "conflict", { timeout: 20_000 });
  await expect(page.getByTestId("conflict-banner")).toContainText("nothing was overwritten");
  await page.getByRole("button", { name: "Load their version" }).click();
  await expect(node(page, "if1")).toBeVisible();
  await expect(node(page, "setFields1")).toHaveCount(0);
  await waitSaved(page);
});
