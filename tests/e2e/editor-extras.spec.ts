import { expect, test, type Page } from "@playwright/test";
import { DiscordFake, type FakeWebhook } from "../fakes/discord/server";
import { SlackFake } from "../fakes/slack/server";
import { signedInAccount } from "./support/accounts";
import { createFlowViaApi } from "./support/api";
import { createCredentialInUi } from "./support/credential-form";
import { clickNode, flowNode, openNewFlow, selectNode, waitSaved } from "./support/editor";
import { listRunsViaApi, saveDraftViaApi, startRunViaApi } from "./support/flow-api";

/**
 * Editor features beyond building and running, as a person uses them with mouse and keyboard:
 * sticky notes, group frames, the inspector's credential picker, and the runs list's filters.
 */

const notes = (page: Page) => page.locator('[data-testid^="note-"]');
const groups = (page: Page) => page.locator('[data-testid^="group-"]');

test("a sticky note is added from the toolbar, written in, and still there after a reload", async ({ page, context }, testInfo) => {
  const account = await signedInAccount(context);
  await openNewFlow(page, account.workspace.slug);
  await page.getByRole("button", { name: "Add a manual trigger" }).click();
  await expect(flowNode(page, "manual1")).toBeVisible();

  await page.getByRole("button", { name: "Add sticky note" }).click();
  await expect(notes(page)).toHaveCount(1);
  await expect(notes(page)).toContainText("Double-click to write a note");
  await notes(page).dblclick();
  const text = page.getByLabel("Note text");
  await expect(text).toBeFocused();
  await text.pressSequentially("Ask ops before changing the schedule.");
  await text.press("Enter");
  await text.pressSequentially("Owner: Ada");
  await text.press("Escape");
  await expect(text).toBeHidden();
  await expect(notes(page)).toContainText("Ask ops before changing the schedule.");
  await waitSaved(page);
  await page.screenshot({ path: testInfo.outputPath("sticky-note.png") });

  // A second note from the keyboard (Shift+N), over the canvas.
  await page.getByTestId("flow-canvas").click({ position: { x: 400, y: 420 } });
  await page.keyboard.press("Shift+N");
  await expect(notes(page)).toHaveCount(2);
  await waitSaved(page);

  await page.reload();
  await expect(flowNode(page, "manual1")).toBeVisible();
  await expect(notes(page)).toHaveCount(2);
  const written = notes(page).filter({ hasText: "Ask ops" });
  await expect(written).toHaveCount(1);
  await expect(written).toContainText("Ask ops before changing the schedule.\nOwner: Ada", { useInnerText: true });
});

test("selected nodes are grouped in a frame, undo and redo it, it survives a reload, deleting the frame keeps the nodes", async ({
  page,
  context,
}, testInfo) => {
  const account = await signedInAccount(context);
  await openNewFlow(page, account.workspace.slug);
  await page.getByRole("button", { name: "Add a manual trigger" }).click();
  await page.getByTestId("palette-core.data.set-fields").click();
  await page.getByTestId("palette-core.logic.if").click();
  for (const id of ["manual1", "setFields1", "if1"]) await expect(flowNode(page, id)).toBeVisible();
  await page.getByRole("button", { name: "Fit view" }).first().click();

  // Nothing selected: the toolbar says what to do instead of drawing an empty frame. The pane
  // is clicked near its bottom middle, below the row of nodes wherever the view has settled.
  const canvas = page.getByTestId("flow-canvas");
  const size = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: size.width * 0.45, y: size.height - 40 } });
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(0);
  await page.getByRole("button", { name: "Group selection" }).click();
  await expect(page.getByText("Select the nodes to group first.")).toBeVisible();
  await expect(groups(page)).toHaveCount(0);

  // Two nodes, the second with Shift+click, grouped from the toolbar.
  await clickNode(page, "manual1");
  await clickNode(page, "setFields1", { shift: true });
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
  await page.getByRole("button", { name: "Group selection" }).click();
  await expect(groups(page)).toHaveCount(1);
  const frame = groups(page);
  await expect(frame).toContainText("Group");
  await expectInside(page, frame, ["manual1", "setFields1"]);
  await expectOutside(page, frame, "if1");
  await page.screenshot({ path: testInfo.outputPath("group.png") });

  // Undo removes the frame, redo brings it back (keyboard).
  await page.keyboard.press("ControlOrMeta+z");
  await expect(groups(page)).toHaveCount(0);
  for (const id of ["manual1", "setFields1"]) await expect(flowNode(page, id)).toBeVisible();
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(groups(page)).toHaveCount(1);

  // The frame's title is edited in place.
  await frame.getByText("Group", { exact: true }).dblclick();
  const title = page.getByLabel("Group title");
  await title.fill("Intake");
  await title.press("Enter");
  await expect(title).toBeHidden();
  await expect(frame).toContainText("Intake");
  await waitSaved(page);

  await page.reload();
  await expect(groups(page)).toHaveCount(1);
  await expect(groups(page)).toContainText("Intake");
  await expectInside(page, groups(page), ["manual1", "setFields1"]);
  await expectOutside(page, groups(page), "if1");

  // Grouping again with the keyboard (Mod+G), then deleting a frame: its nodes stay.
  await clickNode(page, "if1");
  await page.keyboard.press("ControlOrMeta+g");
  await expect(groups(page)).toHaveCount(2);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(groups(page)).toHaveCount(1);
  await groups(page).getByText("Intake").click();
  await expect(page.locator(".react-flow__node-group.selected")).toHaveCount(1);
  await page.keyboard.press("Delete");
  await expect(groups(page)).toHaveCount(0);
  for (const id of ["manual1", "setFields1", "if1"]) await expect(flowNode(page, id)).toBeVisible();
  await waitSaved(page);
  await page.reload();
  await expect(flowNode(page, "setFields1")).toBeVisible();
  await expect(groups(page)).toHaveCount(0);
});

async function box(locator: ReturnType<Page["locator"]>) {
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

/** Every node lies within the frame, on screen. */
async function expectInside(page: Page, frame: ReturnType<Page["locator"]>, ids: string[]): Promise<void> {
  const f = await box(frame);
  for (const id of ids) {
    const n = await box(flowNode(page, id));
    expect(n.x, `${id} left`).toBeGreaterThan(f.x);
    expect(n.y, `${id} top`).toBeGreaterThan(f.y);
    expect(n.x + n.width, `${id} right`).toBeLessThan(f.x + f.width);
    expect(n.y + n.height, `${id} bottom`).toBeLessThan(f.y + f.height);
  }
}

async function expectOutside(page: Page, frame: ReturnType<Page["locator"]>, id: string): Promise<void> {
  const f = await box(frame);
  const n = await box(flowNode(page, id));
  const overlaps = n.x < f.x + f.width && n.x + n.width > f.x && n.y < f.y + f.height && n.y + n.height > f.y;
  expect(overlaps, `${id} outside the frame`).toBe(false);
}

test.describe("the inspector's credential picker", () => {
  const discord = new DiscordFake();
  const slack = new SlackFake();
  let existing: FakeWebhook;
  let created: FakeWebhook;
  let slackToken = "";

  test.beforeAll(async () => {
    await Promise.all([discord.start(), slack.start()]);
    existing = discord.addWebhook({ name: "Alerts" });
    created = discord.addWebhook({ name: "Releases" });
    slackToken = slack.addToken({ token: "xoxb-e2e-picker-token-0001" }).token;
  });
  test.afterAll(() => Promise.all([discord.stop(), slack.stop()]));

  test("lists the workspace's credentials of the node's type, creates one in place, and the choice is saved", async ({
    page,
    context,
  }, testInfo) => {
    test.setTimeout(150_000);
    const account = await signedInAccount(context);
    const ws = account.workspace.slug;
    await createCredentialInUi(page, ws, {
      type: "Discord webhook",
      name: "Alerts channel",
      fields: [["Webhook URL", discord.webhookUrl(existing)]],
    });
    await createCredentialInUi(page, ws, {
      type: "Slack bot token",
      name: "Slack bot",
      fields: [
        ["Bot token", slackToken],
        [/^API base URL/, slack.apiUrl],
      ],
    });

    await openNewFlow(page, ws);
    await page.getByRole("button", { name: "Add a manual trigger" }).click();
    await page.getByPlaceholder("Search nodes…").fill("discord");
    await page.getByTestId("palette-discord.webhook.send").click();
    await expect(flowNode(page, "send1")).toBeVisible();
    await selectNode(page, "send1");

    // Only the Discord webhook credential is offered, not the Slack one.
    const picker = page.getByTestId("credential-picker");
    const select = picker.getByLabel(/^Credential/);
    await expect(select.locator("option")).toHaveText(["Choose a credential", "Alerts channel"]);
    await expect(select).toHaveValue("");

    // "Create credential" opens the form in place; tested against the fake, then saved.
    await picker.getByRole("button", { name: "Create credential" }).click();
    const form = picker.getByTestId("credential-form");
    await form.getByLabel("Name", { exact: true }).fill("Releases channel");
    await form.getByLabel("Webhook URL", { exact: true }).fill(discord.webhookUrl(created));
    const probe = `GET /api/v10/webhooks/${created.id}/${created.token}`;
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect(form.getByRole("status").filter({ hasText: "Connection works" })).toBeVisible();
    expect(discord.requests.map((r) => `${r.method} ${r.path}`)).toContain(probe);
    await page.screenshot({ path: testInfo.outputPath("credential-picker-create.png") });
    await form.getByRole("button", { name: "Create credential" }).click();
    await expect(form).toBeHidden();

    // The new credential is listed and chosen for the node.
    await expect(select.locator("option")).toHaveText(["Choose a credential", "Alerts channel", "Releases channel"]);
    await expect(select.locator("option:checked")).toHaveText("Releases channel");
    await expect(select).toHaveValue(/^cred_/);
    const chosen = await select.inputValue();
    await waitSaved(page);
    await page.screenshot({ path: testInfo.outputPath("credential-picker-chosen.png") });

    // After a reload the node still has it; the webhook URL (the secret) is nowhere in the page.
    await page.reload();
    await selectNode(page, "send1");
    await expect(page.getByTestId("credential-picker").getByLabel(/^Credential/)).toHaveValue(chosen);
    await expect(page.getByTestId("credential-picker").locator("option:checked")).toHaveText("Releases channel");
    const html = await page.content();
    for (const secret of [discord.webhookUrl(created), created.token, discord.webhookUrl(existing), existing.token, slackToken]) {
      expect(html).not.toContain(secret);
    }

    // Switching to the other credential of the type is saved too.
    await page
      .getByTestId("credential-picker")
      .getByLabel(/^Credential/)
      .selectOption({ label: "Alerts channel" });
    await waitSaved(page);
    await page.reload();
    await selectNode(page, "send1");
    await expect(page.getByTestId("credential-picker").locator("option:checked")).toHaveText("Alerts channel");
  });
});

test("the runs list filters by state and kind, and says so when nothing matches", async ({ page, context }, testInfo) => {
  test.setTimeout(150_000);
  const account = await signedInAccount(context);
  const ws = account.workspace.slug;
  const flowId = await createFlowViaApi(context.request, ws, "Parse payload");
  // Parses the `payload` parameter: valid JSON completes, anything else fails the run.
  await saveDraftViaApi(context.request, ws, flowId, {
    schema: "switchyard.flow/v1",
    name: "Parse payload",
    parameters: { payload: { type: "string", required: true } },
    nodes: [
      { id: "manual1", type: "core.trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      {
        id: "jsonParse1",
        type: "core.data.json-parse",
        typeVersion: 1,
        position: { x: 280, y: 0 },
        config: { text: "{{ params.payload }}" },
      },
    ],
    edges: [{ id: "e1", source: "manual1", sourcePort: "out", target: "jsonParse1", targetPort: "in" }],
  });

  // The empty list before any run.
  await page.goto(`/w/${ws}/flows/${flowId}/runs`);
  await expect(page.getByTestId("runs-empty")).toContainText("No runs yet");

  const ok1 = await startRunViaApi(context.request, ws, flowId, { parameters: { payload: '{"ok":true}' } });
  const bad = await startRunViaApi(context.request, ws, flowId, { parameters: { payload: "not json" } });
  const ok2 = await startRunViaApi(context.request, ws, flowId, { parameters: { payload: "[1,2]" } });
  const dry = await startRunViaApi(context.request, ws, flowId, { parameters: { payload: "{}" }, dryRun: true });
  await expect
    .poll(async () => Object.fromEntries((await listRunsViaApi(context.request, ws, flowId)).map((r) => [r.id, r.state])), {
      timeout: 60_000,
    })
    .toEqual({ [ok1]: "completed", [bad]: "failed", [ok2]: "completed", [dry]: "completed" });

  await page.reload();
  const list = page.getByTestId("runs-list");
  const rows = list.getByTestId("run-row");
  const ids = async () => (await rows.locator("a").allTextContents()).map((t) => t.trim()).sort();
  await expect(rows).toHaveCount(4);
  expect(await ids()).toEqual([ok1, bad, ok2, dry].sort());
  await page.screenshot({ path: testInfo.outputPath("runs-all.png"), fullPage: true });

  const state = list.getByLabel("State");
  const kind = list.getByLabel("Kind");

  await state.selectOption("failed");
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute("data-state", "failed");
  expect(await ids()).toEqual([bad]);
  await page.screenshot({ path: testInfo.outputPath("runs-failed.png"), fullPage: true });

  await state.selectOption("completed");
  await expect(rows).toHaveCount(3);
  expect(await ids()).toEqual([ok1, ok2, dry].sort());

  await kind.selectOption({ label: "Dry runs" });
  await expect(rows).toHaveCount(1);
  expect(await ids()).toEqual([dry]);
  await expect(rows).toContainText("dry run");

  await kind.selectOption({ label: "Runs" });
  await expect(rows).toHaveCount(2);
  expect(await ids()).toEqual([ok1, ok2].sort());

  // A filter nothing matches: a clear empty state with a way out.
  await kind.selectOption({ label: "Dry runs" });
  await state.selectOption("failed");
  const empty = page.getByTestId("runs-empty");
  await expect(empty).toContainText("No runs match these filters");
  await expect(empty).toContainText("No run of this flow is a failed dry run.");
  await expect(empty).not.toContainText("press Run");
  await expect(rows).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("runs-empty-filter.png"), fullPage: true });
  await empty.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(4);
  await expect(state).toHaveValue("");
  await expect(kind).toHaveValue("");

  // A failed run's row leads to its run page, which shows the failure.
  await rows.filter({ hasText: bad }).getByRole("link").click();
  await expect(page.getByTestId("run-page")).toBeVisible();
  await expect(page.getByTestId("run-page")).toContainText("Invalid JSON");
});
