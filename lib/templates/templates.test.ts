import { describe, expect, it } from "vitest";
import { validateFlow } from "@/lib/engine/validate";
import { allCredentials, catalogRegistry } from "@/lib/catalog";
import { credentialPlaceholder, instantiateTemplate, placeholdersOf, settingPlaceholder, templateById, templates } from "./index";
import type { TemplateDefinition } from "./template-definition";

/** Every template, filled with sample choices, is a flow the engine accepts as it is. */

const SAMPLE_SETTINGS: Record<string, string> = {
  notionDatabase: "https://www.notion.so/acme/Leads-5a1e500000004000800000000000000a?v=1",
  loopsTransactionalId: "clwelcome0001",
};

function sampleChoices(template: TemplateDefinition) {
  return {
    credentials: Object.fromEntries(template.credentials.map((c) => [c.slot, `cred_${c.slot}`])),
    settings: Object.fromEntries(template.settings.map((s) => [s.key, SAMPLE_SETTINGS[s.key] ?? "value"])),
  };
}

describe.each(templates.map((t) => [t.id, t] as const))("template %s", (_id, template) => {
  it("validates with the engine against the catalog once its placeholders are filled", () => {
    const result = instantiateTemplate(template, sampleChoices(template));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const validated = validateFlow(result.document, catalogRegistry);
    expect(validated.ok ? [] : validated.problems).toEqual([]);
    expect(placeholdersOf(result.document).size).toBe(0);
  });

  it("declares exactly the placeholders its document uses", () => {
    const declared = new Set([
      ...template.credentials.map((c) => credentialPlaceholder(c.slot)),
      ...template.settings.map((s) => settingPlaceholder(s.key)),
    ]);
    expect([...placeholdersOf(template.document)].sort()).toEqual([...declared].sort());
  });

  it("asks for a credential of the type each node needs, and only known types", () => {
    const known = new Set(allCredentials.map((c) => c.type));
    for (const slot of template.credentials) expect(known.has(slot.type), slot.type).toBe(true);
    for (const node of template.document.nodes) {
      const needs = catalogRegistry.get(node.type, node.typeVersion)?.credential;
      const slot = template.credentials.find((c) => credentialPlaceholder(c.slot) === node.credential);
      expect(slot?.type, `node ${node.id}`).toBe(needs);
    }
  });

  it("accepts its sample settings and names the field of a missing choice", () => {
    for (const s of template.settings) {
      if (s.pattern) expect(new RegExp(s.pattern).test(SAMPLE_SETTINGS[s.key] ?? "value"), s.key).toBe(true);
    }
    const result = instantiateTemplate(template, { credentials: {}, settings: {} });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path.join("."))).toEqual([
      ...template.credentials.map((c) => `credentials.${c.slot}`),
      ...template.settings.map((s) => `settings.${s.key}`),
    ]);
  });
});

describe("instantiateTemplate", () => {
  const template = templateById("lead-opt-in")!;

  it("puts the chosen credential ids on the nodes and the settings in their config, leaving the template untouched", () => {
    const before = JSON.stringify(template.document);
    const result = instantiateTemplate(template, { ...sampleChoices(template), name: "  Webinar leads " });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const node = (id: string) => result.document.nodes.find((n) => n.id === id)!;
    expect(result.document.name).toBe("Webinar leads");
    expect(node("find_lead").credential).toBe("cred_notion");
    expect(node("create_lead").credential).toBe("cred_notion");
    expect(node("send_email").credential).toBe("cred_loops");
    expect(node("alert_team").credential).toBe("cred_discord");
    expect(node("find_lead").config.database).toBe(SAMPLE_SETTINGS.notionDatabase);
    expect(node("send_email").config.transactionalId).toBe("clwelcome0001");
    expect(JSON.stringify(template.document)).toBe(before);
  });

  it("refuses a setting that does not match its pattern", () => {
    const choices = sampleChoices(template);
    const result = instantiateTemplate(template, { ...choices, settings: { ...choices.settings, notionDatabase: "my leads" } });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: ["settings", "notionDatabase"], message: "paste the database's Notion link or its 32-character id" }],
    });
  });

  it("knows no template by an unknown id", () => {
    expect(templateById("nope")).toBeUndefined();
  });
});
