import { expect, type Page } from "@playwright/test";

/** The canvas node of a flow node id. */
export const flowNode = (page: Page, id: string) => page.getByTestId(`flow-node-${id}`);

/** Opens a new, empty flow from the workspace's flows page and waits for the empty canvas. */
export async function openNewFlow(page: Page, ws: string): Promise<string> {
  await page.goto(`/w/${ws}`);
  await page.getByRole("button", { name: "New flow" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/flows/[A-Za-z0-9_-]+$`));
  await expect(page.getByText("Drag a trigger here to start")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Clicks a node's header (clear of its ports at any zoom); with `shift`, adds it to the selection. */
export async function clickNode(page: Page, id: string, opts: { shift?: boolean } = {}): Promise<void> {
  await flowNode(page, id).click({ position: { x: 24, y: 10 }, modifiers: opts.shift ? ["Shift"] : [] });
}

/** Selects one node and waits for its inspector. */
export async function selectNode(page: Page, id: string): Promise<void> {
  await clickNode(page, id);
  await expect(page.getByTestId("inspector")).toBeVisible();
}

/** Waits until the editor's autosave reports the draft saved. */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 20_000 });
}
