import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/engine/errors";
import { parseNotionId } from "./ids";

const dashed = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const compact = dashed.replace(/-/g, "");

describe("parseNotionId", () => {
  it.each([
    [compact],
    [dashed],
    [compact.toUpperCase()],
    [`https://www.notion.so/acme/Face-${compact}?v=abc123`],
    [`https://www.notion.so/${compact}`],
    [`https://notion.so/acme/${dashed}#section`],
    [`https://www.notion.so/abcdef12-${compact}`],
    [`https://www.notion.so/acme/0123456789abcdef0123456789abcdef?v=fedcba9876543210fedcba9876543210&p=${compact}&pm=s`],
  ])("reads %s", (value) => {
    expect(parseNotionId(value, "database")).toBe(dashed);
  });

  it.each([["leads"], [compact.slice(1)], [`${compact}0`], ["https://www.notion.so/acme/Leads"]])(
    "refuses %s naming the field",
    (value) => {
      const err = (() => {
        try {
          parseNotionId(value, "database");
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).path).toEqual(["database"]);
    },
  );
});
