import type { FlowDocument } from "@/lib/engine/flow-document";
import { PLACEHOLDER, type TemplateDefinition } from "./template-definition";

/**
 * Fills a template's placeholders with the user's choices and returns a new flow document.
 * Every credential slot and every setting must be given (and settings must match their
 * pattern); the problems name the field of the create request, so the API can answer a 400
 * that points at it.
 */

export interface TemplateChoices {
  name?: string;
  credentials: Record<string, string>;
  settings: Record<string, string>;
}

export interface TemplateProblem {
  path: (string | number)[];
  message: string;
}

export type InstantiateResult = { ok: true; document: FlowDocument } | { ok: false; problems: TemplateProblem[] };

export function instantiateTemplate(template: TemplateDefinition, choices: TemplateChoices): InstantiateResult {
  const problems: TemplateProblem[] = [];
  const credentials = new Map<string, string>();
  for (const slot of template.credentials) {
    const id = choices.credentials[slot.slot]?.trim();
    if (!id) problems.push({ path: ["credentials", slot.slot], message: `choose a ${slot.label} credential` });
    else credentials.set(slot.slot, id);
  }
  const settings = new Map<string, string>();
  for (const setting of template.settings) {
    const value = choices.settings[setting.key]?.trim() ?? "";
    if (value === "") problems.push({ path: ["settings", setting.key], message: `${setting.label} is required` });
    else if (setting.pattern && !new RegExp(setting.pattern).test(value)) {
      problems.push({ path: ["settings", setting.key], message: setting.patternMessage ?? `${setting.label} is not in the expected form` });
    } else settings.set(setting.key, value);
  }
  if (problems.length > 0) return { ok: false, problems };

  const fill = (value: unknown): unknown => {
    if (typeof value === "string") {
      const match = PLACEHOLDER.exec(value);
      if (!match) return value;
      const [, kind, name] = match as unknown as [string, "credential" | "setting", string];
      const filled = kind === "credential" ? credentials.get(name) : settings.get(name);
      // A placeholder the template does not declare is a defect of the template, caught by its tests.
      if (filled === undefined) throw new Error(`Template ${template.id} uses an undeclared placeholder ${value}`);
      return filled;
    }
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    }
    return value;
  };
  const document = fill(structuredClone(template.document)) as FlowDocument;
  const name = choices.name?.trim();
  return { ok: true, document: name ? { ...document, name } : document };
}

/** Every placeholder string in a document, for the templates' own tests. */
export function placeholdersOf(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === "string" && PLACEHOLDER.test(value)) found.add(value);
  else if (Array.isArray(value)) value.forEach((v) => placeholdersOf(v, found));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => placeholdersOf(v, found));
  return found;
}
