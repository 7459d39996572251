import { expect, test } from "@playwright/test";
import { signedInAccount } from "./support/accounts";
import { uniqueId } from "./support/unique";

test("an editor schedules a flow, sees its next five fires, pauses and resumes it, and an every-2-seconds schedule starts runs", async ({
  page,
  context,
}) => {
  const account = await signedInAccount(context);
  const ws = account.workspace.slug;
  const created = await context.request.post(`/api/w/${ws}/flows`, {
    data: {
      schema: "switchyard.flow/v1",
      name: `Nightly ${uniqueId()}`,
      nodes: [{ id: "start", type: "core.trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
      edges: [],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const flowId = ((await created.json()) as { flow: { id: string } }).flow.id;

  // The editor's toolbar leads to the flow's triggers.
  await page.goto(`/w/${ws}/flows/${flowId}`);
  await page.getByRole("link", { name: "Triggers", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/flows/${flowId}/triggers$`));
  await expect(page.getByRole("heading", { name: "Triggers", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No triggers yet" })).toBeVisible();

  // A bad expression is named in the live preview; a good one previews five fires.
  await page.getByLabel("Time zone").fill("Europe/Berlin");
  await page.getByLabel("Cron expression").fill("61 * * * *");
  await expect(page.getByTestId("schedule-preview-error")).toContainText("expression");
  await page.getByLabel("Cron expression").fill("30 7 * * 1-5");
  await expect(page.getByTestId("schedule-preview").getByRole("listitem")).toHaveCount(5);
  await page.getByLabel("Name (optional)").fill("Weekday morning");
  await page.getByRole("button", { name: "Create schedule trigger" }).click();

  const row = page.getByTestId("trigger-row").filter({ hasText: "Weekday morning" });
  await expect(row).toBeVisible();
  await expect(row.getByText("Active")).toBeVisible();
  const fires = row.getByTestId("next-fires").getByRole("listitem");
  await expect(fires).toHaveCount(5);
  await expect(fires.first()).toContainText("07:30:00");

  await row.getByRole("button", { name: "Pause" }).click();
  await expect(row.getByText("Paused", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row.getByText("Active")).toBeVisible();

  // After a reload the list comes from the server.
  await page.reload();
  await expect(
    page.getByTestId("trigger-row").filter({ hasText: "Weekday morning" }).getByTestId("next-fires").getByRole("listitem"),
  ).toHaveCount(5);

  // Every 2 seconds: the server's scheduler starts runs of the flow.
  await page.getByLabel("Schedule type").selectOption("interval");
  await page.getByLabel("Every (seconds)").fill("2");
  await expect(page.getByTestId("schedule-preview").getByRole("listitem")).toHaveCount(5);
  await page.getByLabel("Name (optional)").fill("Heartbeat");
  await page.getByRole("button", { name: "Create schedule trigger" }).click();
  const heartbeat = page.getByTestId("trigger-row").filter({ hasText: "Heartbeat" });
  await expect(heartbeat).toBeVisible();
  await expect
    .poll(
      async () => {
        const res = await context.request.get(`/api/w/${ws}/flows/${flowId}/runs`);
        const { runs } = (await res.json()) as { runs: { trigger: { kind: string } }[] };
        return runs.filter((r) => r.trigger.kind === "schedule").length;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await heartbeat.getByRole("button", { name: "Pause" }).click();
  await expect(heartbeat.getByText("Paused", { exact: true })).toBeVisible();

  // A webhook trigger shows its URL with a copy button.
  await page.getByRole("tab", { name: "Webhook" }).click();
  await page.getByRole("button", { name: "Create webhook trigger" }).click();
  const hook = page.getByTestId("trigger-row").filter({ hasText: "verification: none" });
  await expect(hook.getByTestId("webhook-url")).toHaveText(/\/api\/hooks\/[A-Za-z0-9_-]{32}$/);
  await expect(hook.getByRole("button", { name: "Copy the webhook URL" })).toBeVisible();
});
