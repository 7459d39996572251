import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NODE_CATEGORIES, nodePorts } from "@/lib/engine/node-definition";
import { coreNodes } from "./core-nodes";

const TYPE_PATTERN = /^core\.[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/;

describe("core node definitions", () => {
  it("have unique, well-formed type ids at version 1", () => {
    const types = coreNodes.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const def of coreNodes) {
      expect(def.type, def.type).toMatch(TYPE_PATTERN);
      expect(def.version).toBe(1);
      expect(NODE_CATEGORIES).toContain(def.category);
      expect(def.title.length).toBeGreaterThan(0);
      expect(def.icon.length).toBeGreaterThan(0);
    }
  });

  it("give every config field a title for the inspector, and convert to JSON Schema", () => {
    for (const def of coreNodes) {
      const schema = z.toJSONSchema(def.config, { io: "input", unrepresentable: "any" }) as {
        properties?: Record<string, { title?: string }>;
      };
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        expect(prop.title, `${def.type} config.${name}`).toEqual(expect.any(String));
      }
      expect(() => z.toJSONSchema(def.output, { unrepresentable: "any" })).not.toThrow();
    }
  });

  it("declare static ports or derive them from a parsed default config", () => {
    for (const def of coreNodes) {
      if (typeof def.ports !== "function") {
        expect(Array.isArray(def.ports)).toBe(true);
        continue;
      }
      const probe =
        def.type === "core.logic.switch" ? { cases: [{ name: "a", condition: true }] } : { condition: "true", url: "http://x.io" };
      const config = def.config as z.ZodType;
      expect(nodePorts(def, config.parse(probe)).length).toBeGreaterThan(0);
    }
  });

  it("mark exactly the nodes that change the outside world as side effects", () => {
    expect(coreNodes.filter((d) => d.sideEffect).map((d) => d.type)).toEqual(["core.variable.set"]);
  });

  it("have only the trigger without an input", () => {
    expect(coreNodes.filter((d) => d.hasInput === false).map((d) => d.type)).toEqual(["core.trigger.manual", "core.trigger.webhook"]);
  });
});
