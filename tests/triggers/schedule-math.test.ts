import { describe, expect, it } from "vitest";
import { planFire, MISSED_AFTER_MS } from "@/lib/server/triggers/catch-up";
import { normalizeSchedule, scheduleInputSchema, ScheduleConfigError, type ScheduleConfig } from "@/lib/server/triggers/schedule-config";
import { lastFireAtOrBefore, nextFireAfter, nextFires } from "@/lib/server/triggers/schedule-math";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number[]) => ms.map((m) => new Date(m).toISOString());
const config = (input: unknown, now = at("2026-01-01T00:00:00Z")): ScheduleConfig =>
  normalizeSchedule(scheduleInputSchema.parse(input), now);

describe("cron schedules", () => {
  it("fires at the wall time of its zone across the spring DST change (New York, 8 March 2026)", () => {
    const daily = config({ type: "cron", expression: "0 9 * * *", timezone: "America/New_York" });
    expect(iso(nextFires(daily, at("2026-03-06T15:00:00Z"), 4))).toEqual([
      "2026-03-07T14:00:00.000Z", // 09:00 EST (UTC-5)
      "2026-03-08T13:00:00.000Z", // 09:00 EDT (UTC-4)
      "2026-03-09T13:00:00.000Z",
      "2026-03-10T13:00:00.000Z",
    ]);
  });

  it("fires a time skipped by the clocks going forward once, an hour later, and a repeated time once (Berlin)", () => {
    const skipped = config({ type: "cron", expression: "30 2 * * *", timezone: "Europe/Berlin" });
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day.
    expect(iso(nextFires(skipped, at("2026-03-28T12:00:00Z"), 3))).toEqual([
      "2026-03-29T01:30:00.000Z", // 03:30 CEST
      "2026-03-30T00:30:00.000Z", // 02:30 CEST
      "2026-03-31T00:30:00.000Z",
    ]);
    const repeated = config({ type: "cron", expression: "30 2 * * *", timezone: "Europe/Berlin" });
    // 25 October 2026: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice, fired once.
    expect(iso(nextFires(repeated, at("2026-10-24T12:00:00Z"), 3))).toEqual([
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
      "2026-10-27T01:30:00.000Z",
    ]);
  });

  it("takes a seconds field, and the latest fire at or before a time", () => {
    const everyFive = config({ type: "cron", expression: "*/5 * * * * *" });
    expect(iso(nextFires(everyFive, at("2026-01-01T00:00:01Z"), 2))).toEqual(["2026-01-01T00:00:05.000Z", "2026-01-01T00:00:10.000Z"]);
    expect(lastFireAtOrBefore(everyFive, at("2026-01-01T00:00:10Z"))).toBe(at("2026-01-01T00:00:10Z"));
    expect(lastFireAtOrBefore(everyFive, at("2026-01-01T00:00:09.999Z"))).toBe(at("2026-01-01T00:00:05Z"));
  });

  it("names the field of a bad expression or zone", () => {
    for (const [input, path, message] of [
      [{ type: "cron", expression: "61 * * * *" }, "expression", /not a valid cron expression/],
      [{ type: "cron", expression: "* * *" }, "expression", /5 fields/],
      [{ type: "cron", expression: "0 9 * * *", timezone: "Mars/Olympus" }, "timezone", /not a time zone/],
      [{ type: "weekly" }, "type", /cron/],
    ] as const) {
      const parsed = scheduleInputSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      const issue = parsed.error!.issues[0]!;
      expect(issue.path.join(".")).toBe(path);
      expect(issue.message).toMatch(message);
    }
  });
});

describe("interval schedules", () => {
  it("fires at anchor + k × interval, never at the anchor's past", () => {
    const every = config({ type: "interval", everySeconds: 90, anchor: "2026-01-01T00:00:00Z" });
    expect(iso(nextFires(every, at("2026-01-01T00:02:00Z"), 3))).toEqual([
      "2026-01-01T00:03:00.000Z",
      "2026-01-01T00:04:30.000Z",
      "2026-01-01T00:06:00.000Z",
    ]);
    expect(nextFireAfter(every, at("2025-12-31T00:00:00Z"))).toBe(at("2026-01-01T00:00:00Z"));
    expect(lastFireAtOrBefore(every, at("2026-01-01T00:04:29Z"))).toBe(at("2026-01-01T00:03:00Z"));
  });

  it("anchors at the save time when none is given, and rejects a zero interval", () => {
    const every = config({ type: "interval", everySeconds: 10 }, at("2026-05-05T10:00:00.700Z"));
    expect(every).toMatchObject({ anchor: "2026-05-05T10:00:00.000Z" });
    const parsed = scheduleInputSchema.safeParse({ type: "interval", everySeconds: 0 });
    expect(parsed.error?.issues[0]?.path).toEqual(["everySeconds"]);
  });
});

describe("RRULE schedules", () => {
  it("counts from DTSTART in its zone, across the DST change, whatever the process's zone", () => {
    const weekly = config({ type: "rrule", rrule: "DTSTART;TZID=Europe/Berlin:20260302T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE" });
    expect(weekly).toMatchObject({ timezone: "Europe/Berlin", dtstart: "2026-03-02T09:00:00", rrule: "FREQ=WEEKLY;BYDAY=MO,WE" });
    expect(iso(nextFires(weekly, at("2026-03-20T00:00:00Z"), 4))).toEqual([
      "2026-03-23T08:00:00.000Z", // Monday 09:00 CET
      "2026-03-25T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z", // Monday 09:00 CEST
      "2026-04-01T07:00:00.000Z",
    ]);
  });

  it("starts at midnight of the save day when no DTSTART is given, and ends with COUNT", () => {
    const daily = config({ type: "rrule", rrule: "FREQ=DAILY;BYHOUR=9;COUNT=3", timezone: "Asia/Tokyo" }, at("2026-06-10T05:00:00Z"));
    expect(daily).toMatchObject({ dtstart: "2026-06-10T00:00:00" });
    expect(iso(nextFires(daily, at("2026-06-10T05:00:00Z"), 5))).toEqual(["2026-06-11T00:00:00.000Z", "2026-06-12T00:00:00.000Z"]);
    expect(nextFireAfter(daily, at("2026-06-12T00:00:00Z"))).toBeNull();
  });

  it("rejects a rule it cannot read, naming rrule", () => {
    for (const rrule of ["FREQ=SOMETIMES", "BYHOUR=25;FREQ=DAILY", "hello", "FREQ=DAILY\nRRULE:FREQ=WEEKLY", "FOO=1;FREQ=DAILY"]) {
      const input = scheduleInputSchema.parse({ type: "rrule", rrule });
      expect(() => normalizeSchedule(input, Date.now()), rrule).toThrow(ScheduleConfigError);
      try {
        normalizeSchedule(input, Date.now());
      } catch (e) {
        expect((e as ScheduleConfigError).path).toEqual(["rrule"]);
      }
    }
  });
});

describe("catch-up after downtime (fake clock)", () => {
  const hourly = (catchUp: "once" | "skip") => config({ type: "cron", expression: "0 * * * *", catchUp });

  it("fires a fire that is due now normally, and moves on to the next", () => {
    const plan = planFire(hourly("skip"), at("2026-01-01T10:00:00Z"), at("2026-01-01T10:00:00.400Z"));
    expect(plan).toEqual({ fireAt: at("2026-01-01T10:00:00Z"), missed: false, next: at("2026-01-01T11:00:00Z") });
  });

  it("runs a window of missed fires once, for the latest, with catchUp once", () => {
    // The server was down from 09:30 to 14:20: the 10:00 … 14:00 fires were missed.
    const plan = planFire(hourly("once"), at("2026-01-01T10:00:00Z"), at("2026-01-01T14:20:00Z"));
    expect(plan).toEqual({ fireAt: at("2026-01-01T14:00:00Z"), missed: true, next: at("2026-01-01T15:00:00Z") });
  });

  it("starts nothing for missed fires with catchUp skip", () => {
    const plan = planFire(hourly("skip"), at("2026-01-01T10:00:00Z"), at("2026-01-01T14:20:00Z"));
    expect(plan).toEqual({ fireAt: undefined, missed: true, next: at("2026-01-01T15:00:00Z") });
  });

  it("counts a fire as missed only past the grace period", () => {
    const due = at("2026-01-01T10:00:00Z");
    expect(planFire(hourly("skip"), due, due + MISSED_AFTER_MS).missed).toBe(false);
    expect(planFire(hourly("skip"), due, due + MISSED_AFTER_MS + 1).missed).toBe(true);
  });
});
