import { leadOptInTemplate } from "./lead-opt-in";
import type { TemplateDefinition } from "./template-definition";

/**
 * The templates the gallery offers, in the order it shows them. A new template joins with
 * one import and one entry; its tests (templates.test.ts) check it against the catalog.
 */
export const templates: readonly TemplateDefinition[] = [leadOptInTemplate];

const byId = new Map(templates.map((t) => [t.id, t]));

export function templateById(id: string): TemplateDefinition | undefined {
  return byId.get(id);
}

export { instantiateTemplate, placeholdersOf, type TemplateChoices, type TemplateProblem } from "./instantiate";
export { credentialPlaceholder, settingPlaceholder, type TemplateDefinition } from "./template-definition";
