import { z } from "zod";
import { NonRetryableError } from "@/lib/engine/errors";
import { defineNode, routed } from "@/lib/engine/node-definition";
import { itemsField, resolveItems } from "../shared/items";
import { qualityRuleSchema, ruleChecker, type QualityRule, type Violation } from "./quality-rules";

const STATUSES = ["green", "amber", "red"] as const;
type Status = (typeof STATUSES)[number];

const configSchema = z
  .object({
    items: itemsField,
    rules: z.array(qualityRuleSchema).min(1).meta({ title: "Rules", description: "Every record must pass every rule." }),
    greenAt: z
      .number()
      .min(0)
      .max(1)
      .default(0.99)
      .meta({ title: "Green from", description: "Share of good records (0-1) at or above which the status is green." }),
    amberAt: z
      .number()
      .min(0)
      .max(1)
      .default(0.95)
      .meta({ title: "Amber from", description: "Share of good records at or above which the status is amber; below is red." }),
    failOn: z
      .enum(["never", "red", "amber"])
      .default("never")
      .meta({ title: "Fail the step when", description: "`red`: status is red; `amber`: status is amber or red." }),
  })
  .strict()
  .refine((c) => c.amberAt <= c.greenAt, { message: "must not exceed Green from", path: ["amberAt"] });

const ruleReport = z.object({ rule: z.string(), field: z.string(), failures: z.number().int() });

/**
 * Checks every record against rules, scores the list and routes records: good ones on `out`,
 * bad ones on `quarantine` with their violations.
 */
export const qualityCheckNode = defineNode({
  type: "core.data.quality-check",
  version: 1,
  title: "Data quality rules",
  description:
    "Checks records against not-null, range, unique, pattern, allowed-values and freshness rules; scores the list green/amber/red; bad records go to quarantine.",
  category: "data",
  icon: "shield-check",
  config: configSchema,
  output: z
    .object({
      score: z.number().meta({ description: "Share of records that passed every rule (1 for an empty list)." }),
      status: z.enum(STATUSES),
      total: z.number().int(),
      passed: z.number().int(),
      quarantined: z.number().int(),
      rules: z.array(ruleReport).meta({ description: "Failures per rule, in rule order." }),
    })
    .meta({ description: "The quality report; the records themselves go out on the out and quarantine ports." }),
  ports: ["out", "quarantine"],
  sideEffect: false,
  run(ctx, config, input) {
    const items = resolveItems(config.items, input);
    const now = ctx.clock.now();
    const checks = config.rules.map((rule: QualityRule) => ({ rule, check: ruleChecker(rule, now), failures: 0 }));
    const good: unknown[] = [];
    const quarantine: { index: number; record: unknown; violations: Violation[] }[] = [];
    items.forEach((record, index) => {
      const violations: Violation[] = [];
      for (const c of checks) {
        const problem = c.check(record);
        if (problem === undefined) continue;
        c.failures++;
        violations.push({ rule: c.rule.rule, field: c.rule.field, message: `${c.rule.field} ${problem}` });
      }
      if (violations.length === 0) good.push(record);
      else quarantine.push({ index, record, violations });
    });
    const score = items.length === 0 ? 1 : good.length / items.length;
    const status: Status = score >= config.greenAt ? "green" : score >= config.amberAt ? "amber" : "red";
    const report = {
      score,
      status,
      total: items.length,
      passed: good.length,
      quarantined: quarantine.length,
      rules: checks.map((c) => ({ rule: c.rule.rule, field: c.rule.field, failures: c.failures })),
    };
    if ((config.failOn === "red" && status === "red") || (config.failOn === "amber" && status !== "green")) {
      throw new NonRetryableError(`Data quality is ${status}: ${quarantine.length} of ${items.length} records failed`, { details: report });
    }
    const ports: Record<string, unknown> = { out: good };
    if (quarantine.length > 0) ports.quarantine = quarantine;
    return Promise.resolve(routed(report, ports));
  },
});
