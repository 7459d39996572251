import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { RRule } from "./rrule-module";
import { formatWall, instantToWall, isTimeZone, parseWall } from "./zoned-time";

/**
 * The config of a schedule trigger: a cron expression in a time zone, a fixed interval, or an
 * RFC 5545 RRULE in a time zone; and what happens to fires missed while no server ran
 * (`catchUp`, see docs/triggers.md). The input schema fills in what a stored config always
 * has (an interval's anchor, an RRULE's start), so the fire times never depend on when they
 * are computed.
 */

export const CATCH_UP_POLICIES = ["once", "skip"] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];

/** The shortest interval; the scheduler ticks every second. */
export const MIN_INTERVAL_SECONDS = 1;
export const MAX_INTERVAL_SECONDS = 366 * 86_400;

const timezone = z
  .string({ error: "is required" })
  .trim()
  .refine(isTimeZone, { error: "is not a time zone; use an IANA name such as Europe/Berlin or UTC" });

const catchUp = z.enum(CATCH_UP_POLICIES, { error: 'must be "once" or "skip"' }).default("once");

function cronProblem(expression: string, tz: string | undefined): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (!expression.startsWith("@") && (fields.length < 5 || fields.length > 6)) {
    return "must have 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first";
  }
  try {
    CronExpressionParser.parse(expression, { tz: tz && isTimeZone(tz) ? tz : "UTC" }).next();
    return undefined;
  } catch (e) {
    return `is not a valid cron expression: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const cronSchema = z
  .object({
    type: z.literal("cron"),
    expression: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(200),
    timezone: timezone.default("UTC"),
    catchUp,
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = cronProblem(v.expression, v.timezone);
    if (problem) ctx.addIssue({ code: "custom", path: ["expression"], message: problem });
  });

const intervalSchema = z
  .object({
    type: z.literal("interval"),
    everySeconds: z
      .number({ error: "must be a number of seconds" })
      .int({ error: "must be a whole number of seconds" })
      .min(MIN_INTERVAL_SECONDS, { error: `must be at least ${MIN_INTERVAL_SECONDS}` })
      .max(MAX_INTERVAL_SECONDS, { error: "must be at most a year" }),
    /** Fires happen at anchor + k × everySeconds; defaults to when the trigger is saved. */
    anchor: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time" }).optional(),
    catchUp,
  })
  .strict();

const rruleSchema = z
  .object({
    type: z.literal("rrule"),
    /** `FREQ=WEEKLY;BYDAY=MO;BYHOUR=9`, optionally with `RRULE:` and a `DTSTART` line before it. */
    rrule: z.string({ error: "is required" }).trim().min(1, { error: "is required" }).max(2000),
    timezone: timezone.default("UTC"),
    /** Wall time in `timezone` the rule counts from (`YYYY-MM-DDTHH:mm:ss`); defaults to today's midnight. */
    dtstart: z.string().optional(),
    catchUp,
  })
  .strict();

/** What a client sends; `normalizeSchedule` turns it into the stored form. */
export const scheduleInputSchema = z.discriminatedUnion("type", [cronSchema, intervalSchema, rruleSchema], {
  error: 'must be "cron", "interval" or "rrule"',
});
export type ScheduleInput = z.output<typeof scheduleInputSchema>;

export type ScheduleConfig =
  | { type: "cron"; expression: string; timezone: string; catchUp: CatchUpPolicy }
  | { type: "interval"; everySeconds: number; anchor: string; catchUp: CatchUpPolicy }
  | { type: "rrule"; rrule: string; timezone: string; dtstart: string; catchUp: CatchUpPolicy };

export class ScheduleConfigError extends Error {
  constructor(
    readonly path: string[],
    message: string,
  ) {
    super(message);
  }
}

const RRULE_PARTS = new Set([
  "FREQ",
  "UNTIL",
  "COUNT",
  "INTERVAL",
  "BYSECOND",
  "BYMINUTE",
  "BYHOUR",
  "BYDAY",
  "BYMONTHDAY",
  "BYYEARDAY",
  "BYWEEKNO",
  "BYMONTH",
  "BYSETPOS",
  "WKST",
]);
const RANGES: Record<string, [number, number]> = {
  BYSECOND: [0, 59],
  BYMINUTE: [0, 59],
  BYHOUR: [0, 23],
  BYMONTH: [1, 12],
  BYMONTHDAY: [-31, 31],
};

/** Splits `DTSTART…\nRRULE:…` into its rule and start; throws ScheduleConfigError naming the field. */
function splitRrule(text: string, timezoneName: string): { rule: string; dtstart?: string; timezone: string } {
  let rule: string | undefined;
  let dtstart: string | undefined;
  let tz = timezoneName;
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const start = /^DTSTART(?:;TZID=([^:;]+))?:(\d{8}T\d{6})(Z?)$/i.exec(line);
    if (start) {
      const [, tzid, stamp, utc] = start as unknown as [string, string | undefined, string, string];
      if (tzid) {
        if (!isTimeZone(tzid)) throw new ScheduleConfigError(["rrule"], `names an unknown time zone "${tzid}"`);
        tz = tzid;
      }
      const wall = parseWall(
        `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}`,
      );
      if (wall === undefined) throw new ScheduleConfigError(["rrule"], `has an invalid DTSTART "${line}"`);
      dtstart = formatWall(utc ? instantToWall(wall, tz) : wall);
      continue;
    }
    if (/^DTSTART/i.test(line)) throw new ScheduleConfigError(["rrule"], `has a DTSTART that is not YYYYMMDDTHHMMSS: "${line}"`);
    const body = line.replace(/^RRULE:/i, "");
    if (rule !== undefined || !/^[A-Z]+=/i.test(body)) {
      throw new ScheduleConfigError(["rrule"], "must be one RRULE (e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9), optionally after a DTSTART line");
    }
    rule = body.toUpperCase();
  }
  if (rule === undefined) throw new ScheduleConfigError(["rrule"], "is required");
  for (const part of rule.split(";")) {
    const [name, value = ""] = part.split("=");
    if (!name || !RRULE_PARTS.has(name)) throw new ScheduleConfigError(["rrule"], `has an unknown part "${part}"`);
    const range = RANGES[name];
    if (range && value.split(",").some((v) => !/^-?\d+$/.test(v) || Number(v) < range[0] || Number(v) > range[1])) {
      throw new ScheduleConfigError(["rrule"], `${name} must be between ${range[0]} and ${range[1]}`);
    }
  }
  if (!/(^|;)FREQ=(YEARLY|MONTHLY|WEEKLY|DAILY|HOURLY|MINUTELY|SECONDLY)(;|$)/.test(rule)) {
    throw new ScheduleConfigError(["rrule"], "needs FREQ=YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY or SECONDLY");
  }
  try {
    RRule.parseString(rule);
  } catch (e) {
    throw new ScheduleConfigError(["rrule"], `is not a valid RRULE: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { rule, ...(dtstart ? { dtstart } : {}), timezone: tz };
}

/** The stored form of a schedule: anchors and starts filled in as of `now`. */
export function normalizeSchedule(input: ScheduleInput, now: number): ScheduleConfig {
  switch (input.type) {
    case "cron":
      return { type: "cron", expression: input.expression.replace(/\s+/g, " "), timezone: input.timezone, catchUp: input.catchUp };
    case "interval":
      return {
        type: "interval",
        everySeconds: input.everySeconds,
        anchor: new Date(input.anchor ? Date.parse(input.anchor) : Math.floor(now / 1000) * 1000).toISOString(),
        catchUp: input.catchUp,
      };
    case "rrule": {
      const split = splitRrule(input.rrule, input.timezone);
      let dtstart = split.dtstart;
      if (input.dtstart !== undefined) {
        const wall = parseWall(input.dtstart);
        if (wall === undefined) throw new ScheduleConfigError(["dtstart"], "must be a date and time like 2026-01-31T09:00:00");
        dtstart = formatWall(wall);
      }
      dtstart ??= `${formatWall(instantToWall(now, split.timezone)).slice(0, 10)}T00:00:00`;
      return { type: "rrule", rrule: split.rule, timezone: split.timezone, dtstart, catchUp: input.catchUp };
    }
  }
}

/** The stored form, read back; used by readStoredConfig. */
export const scheduleConfigSchema: z.ZodType<ScheduleConfig> = z.discriminatedUnion("type", [
  z.object({ type: z.literal("cron"), expression: z.string(), timezone: z.string(), catchUp: z.enum(CATCH_UP_POLICIES) }),
  z.object({
    type: z.literal("interval"),
    everySeconds: z.number().int().positive(),
    anchor: z.string(),
    catchUp: z.enum(CATCH_UP_POLICIES),
  }),
  z.object({ type: z.literal("rrule"), rrule: z.string(), timezone: z.string(), dtstart: z.string(), catchUp: z.enum(CATCH_UP_POLICIES) }),
]);
