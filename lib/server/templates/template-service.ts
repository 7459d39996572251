import { validateFlow } from "@/lib/engine/validate";
import { catalogRegistry } from "@/lib/catalog";
import type { AuthzContext } from "@/lib/server/authz/caller";
import { requireMember } from "@/lib/server/authz/require-member";
import { createFlow, type FlowDetail } from "@/lib/server/flows";
import { AppError, notFound } from "@/lib/server/http/app-error";
import { instantiateTemplate, templateById, templates, type TemplateDefinition } from "@/lib/templates";
import type { CreateFromTemplateInput } from "./template-schemas";

/**
 * The template gallery's server side: list the templates, and create a flow from one with
 * credentials of the caller's workspace. Each chosen credential must exist in that workspace
 * and be of the type the slot needs; otherwise the answer is a 400 naming the slot (an id of
 * another workspace reads the same as an unknown id).
 */

export type TemplateSummary = Omit<TemplateDefinition, "document"> & { nodeCount: number };

export function listTemplates(): TemplateSummary[] {
  return templates.map(({ document, ...rest }) => ({ ...rest, nodeCount: document.nodes.length }));
}

function invalid(issues: { path: string; message: string }[]): AppError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new AppError("validation_failed", `Invalid request body: \`${first.path}\` ${first.message}${more}.`, {
    details: { issues: issues.map((i) => ({ ...i, code: "custom" })) },
  });
}

export async function createFlowFromTemplate(ctx: AuthzContext, workspace: string, input: CreateFromTemplateInput): Promise<FlowDetail> {
  const access = await requireMember(ctx, workspace, "flow:write");
  const template = templateById(input.templateId);
  if (!template) throw notFound(`Template "${input.templateId}"`);

  const filled = instantiateTemplate(template, input);
  if (!filled.ok) throw invalid(filled.problems.map((p) => ({ path: p.path.join("."), message: p.message })));

  const ids = [...new Set(template.credentials.map((slot) => input.credentials[slot.slot]!.trim()))];
  const rows = await ctx.db.credential.findMany({
    where: { id: { in: ids }, workspaceId: access.workspace.id },
    select: { id: true, type: true },
  });
  const typeOf = new Map(rows.map((r) => [r.id, r.type]));
  const problems: { path: string; message: string }[] = [];
  for (const slot of template.credentials) {
    const type = typeOf.get(input.credentials[slot.slot]!.trim());
    if (type === undefined) problems.push({ path: `credentials.${slot.slot}`, message: "is not a credential of this workspace" });
    else if (type !== slot.type)
      problems.push({ path: `credentials.${slot.slot}`, message: `must be a ${slot.label} credential (${slot.type}), not ${type}` });
  }
  if (problems.length > 0) throw invalid(problems);

  // The templates' tests keep this true; checking here means a broken template can never be stored.
  const checked = validateFlow(filled.document, catalogRegistry);
  if (!checked.ok) {
    throw invalid(checked.problems.map((p) => ({ path: `document.${p.path.join(".")}`, message: p.message })));
  }
  return createFlow(ctx, access.workspace.slug, { document: checked.document });
}
