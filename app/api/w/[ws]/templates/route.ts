import { readJson } from "@/lib/server/http/read-json";
import { json, workspaceRoute } from "@/lib/server/http/route";
import { createFlowFromTemplate, createFromTemplateSchema, listTemplates } from "@/lib/server/templates";

/** The template gallery: each template with its walkthrough and the credentials and settings it asks for. Members. */
export const GET = workspaceRoute("workspace:read", () => Promise.resolve(json({ templates: listTemplates() })));

/**
 * Creates a flow from a template: `{ templateId, name?, credentials: { slot: credentialId },
 * settings: { key: value } }` answers 201 `{ flow }`. Editors and above.
 */
export const POST = workspaceRoute("flow:write", async (req, ctx, { ws }) => {
  const input = await readJson(req, createFromTemplateSchema, { maxBytes: 100_000 });
  return json({ flow: await createFlowFromTemplate(ctx, ws, input) }, 201);
});
