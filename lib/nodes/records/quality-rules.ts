import { z } from "zod";
import { getPath } from "../shared/paths";

/**
 * Data-quality rules checked per record. Every rule except `not-null` lets a missing value
 * pass (as in dbt and Great Expectations), so "required and in range" is two rules.
 */

const field = z.string().min(1).meta({ title: "Field", description: "Dotted path of the value checked." });

const regexPattern = z
  .string()
  .min(1)
  .max(500)
  .meta({ title: "Pattern", description: "JavaScript regular expression the text must match." });

export const qualityRuleSchema = z.discriminatedUnion("rule", [
  z
    .object({ rule: z.literal("not-null"), field })
    .strict()
    .meta({ title: "Not null", description: "Present and not empty text." }),
  z
    .object({
      rule: z.literal("range"),
      field,
      min: z.number().optional().meta({ title: "Minimum (inclusive)" }),
      max: z.number().optional().meta({ title: "Maximum (inclusive)" }),
    })
    .strict()
    .meta({ title: "Range", description: "A number (or numeric text) within the bounds." }),
  z
    .object({ rule: z.literal("unique"), field })
    .strict()
    .meta({
      title: "Unique",
      description: "No earlier record has the same value; later repeats are flagged.",
    }),
  z
    .object({
      rule: z.literal("regex"),
      field,
      pattern: regexPattern,
      flags: z
        .string()
        .regex(/^[imsu]*$/, "only i, m, s and u")
        .default("")
        .meta({ title: "Flags" }),
    })
    .strict()
    .refine((r) => compiles(r.pattern, r.flags), { message: "not a valid regular expression", path: ["pattern"] })
    .meta({ title: "Pattern", description: "Text matching a regular expression." }),
  z
    .object({
      rule: z.literal("one-of"),
      field,
      values: z
        .array(z.union([z.string(), z.number(), z.boolean()]))
        .min(1)
        .meta({ title: "Allowed values" }),
    })
    .strict()
    .meta({ title: "One of", description: "One of a list of allowed values." }),
  z
    .object({
      rule: z.literal("freshness"),
      field,
      maxAgeHours: z.number().positive().meta({ title: "Maximum age (hours)" }),
    })
    .strict()
    .meta({ title: "Freshness", description: "A date/time no older than the maximum age." }),
]);
export type QualityRule = z.output<typeof qualityRuleSchema>;

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

export interface Violation {
  rule: QualityRule["rule"];
  field: string;
  message: string;
}

function missing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function toTime(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** A checker for one rule over a whole list; `unique` remembers values seen so far. */
export function ruleChecker(rule: QualityRule, now: number): (record: unknown) => string | undefined {
  switch (rule.rule) {
    case "not-null":
      return (r) => (missing(getPath(r, rule.field)) ? "is missing" : undefined);
    case "range":
      return (r) => {
        const value = getPath(r, rule.field);
        if (missing(value)) return undefined;
        const n = toNumber(value);
        if (n === undefined) return "is not a number";
        if (rule.min !== undefined && n < rule.min) return `is below ${rule.min}`;
        if (rule.max !== undefined && n > rule.max) return `is above ${rule.max}`;
        return undefined;
      };
    case "unique": {
      const seen = new Set<string>();
      return (r) => {
        const value = getPath(r, rule.field);
        if (missing(value)) return undefined;
        const key = JSON.stringify(value);
        if (seen.has(key)) return "repeats an earlier value";
        seen.add(key);
        return undefined;
      };
    }
    case "regex": {
      const re = new RegExp(rule.pattern, rule.flags);
      return (r) => {
        const value = getPath(r, rule.field);
        if (missing(value)) return undefined;
        return typeof value === "string" && re.test(value) ? undefined : `does not match /${rule.pattern}/`;
      };
    }
    case "one-of": {
      const allowed = new Set(rule.values);
      return (r) => {
        const value = getPath(r, rule.field);
        if (missing(value)) return undefined;
        return allowed.has(value as string | number | boolean) ? undefined : "is not an allowed value";
      };
    }
    case "freshness": {
      const maxAgeMs = rule.maxAgeHours * 3_600_000;
      return (r) => {
        const value = getPath(r, rule.field);
        if (missing(value)) return undefined;
        const t = toTime(value);
        if (t === undefined) return "is not a date";
        return now - t > maxAgeMs ? `is older than ${rule.maxAgeHours} h` : undefined;
      };
    }
  }
}
