import { expect, type Page } from "@playwright/test";

export interface CredentialInput {
  /** The type's title in the Type list, e.g. "Notion". */
  type: string;
  name: string;
  /** Field label (exact, or a pattern for labels such as "Base URL (advanced) (optional)") → value. */
  fields: [string | RegExp, string][];
}

/**
 * Creates a credential on the credentials page as a person does: pick the type, fill the form,
 * "Test connection" (must report that the connection works), then save. Returns the row.
 */
export async function createCredentialInUi(page: Page, ws: string, input: CredentialInput) {
  await page.goto(`/w/${ws}/settings/credentials`);
  await page.getByLabel("Type").selectOption({ label: input.type });
  await page.getByRole("button", { name: "New credential" }).click();
  const form = page.getByTestId("credential-form");
  await form.getByLabel("Name", { exact: true }).fill(input.name);
  for (const [label, value] of input.fields) {
    await form.getByLabel(label, typeof label === "string" ? { exact: true } : undefined).fill(value);
  }
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Connection works" })).toBeVisible();
  await form.getByRole("button", { name: "Create credential" }).click();
  const row = page.getByTestId("credential-row").filter({ hasText: input.name });
  await expect(row).toBeVisible();
  return row;
}
