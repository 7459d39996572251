import { CronExpressionParser } from "cron-parser";
import { RRule } from "./rrule-module";
import type { ScheduleConfig } from "./schedule-config";
import { instantToWall, parseWall, wallToInstant } from "./zoned-time";

/**
 * When a schedule fires. Pure: every function takes the instant to count from. Cron
 * expressions are evaluated in their time zone by cron-parser; RRULEs are evaluated on wall
 * times (see zoned-time.ts) because the `rrule` package's own time-zone support depends on
 * the process's zone.
 */

/** More fires than any schedule needs to look at in one call (guards against a rule that never matches). */
const SEARCH_LIMIT = 1_000;

function cron(config: Extract<ScheduleConfig, { type: "cron" }>, from: number) {
  return CronExpressionParser.parse(config.expression, { currentDate: new Date(from), tz: config.timezone });
}

function rrule(config: Extract<ScheduleConfig, { type: "rrule" }>) {
  const dtstart = parseWall(config.dtstart);
  if (dtstart === undefined) throw new Error(`invalid dtstart ${config.dtstart}`);
  return new RRule({ ...RRule.parseString(config.rrule), dtstart: new Date(dtstart) });
}

/** The first fire strictly after `after`, or null when the schedule has ended. */
export function nextFireAfter(config: ScheduleConfig, after: number): number | null {
  switch (config.type) {
    case "interval": {
      const anchor = Date.parse(config.anchor);
      const every = config.everySeconds * 1000;
      if (after < anchor) return anchor;
      return anchor + (Math.floor((after - anchor) / every) + 1) * every;
    }
    case "cron": {
      const expression = cron(config, after);
      return expression.hasNext() ? expression.next().getTime() : null;
    }
    case "rrule": {
      const rule = rrule(config);
      let wall = instantToWall(after, config.timezone);
      for (let i = 0; i < SEARCH_LIMIT; i++) {
        const next = rule.after(new Date(wall), false);
        if (!next) return null;
        const instant = wallToInstant(next.getTime(), config.timezone);
        // In the hour repeated when clocks go back, a wall time maps to its first (earlier) occurrence.
        if (instant > after) return instant;
        wall = next.getTime();
      }
      return null;
    }
  }
}

/** The latest fire at or before `at`, or null when there is none. */
export function lastFireAtOrBefore(config: ScheduleConfig, at: number): number | null {
  switch (config.type) {
    case "interval": {
      const anchor = Date.parse(config.anchor);
      if (at < anchor) return null;
      const every = config.everySeconds * 1000;
      return anchor + Math.floor((at - anchor) / every) * every;
    }
    case "cron": {
      const expression = cron(config, at + 1);
      return expression.hasPrev() ? expression.prev().getTime() : null;
    }
    case "rrule": {
      const rule = rrule(config);
      let wall = instantToWall(at, config.timezone);
      for (let i = 0; i < SEARCH_LIMIT; i++) {
        const previous = rule.before(new Date(wall), true);
        if (!previous) return null;
        const instant = wallToInstant(previous.getTime(), config.timezone);
        if (instant <= at) return instant;
        wall = previous.getTime() - 1;
      }
      return null;
    }
  }
}

/** The next `count` fires after `after` (fewer when the schedule ends). */
export function nextFires(config: ScheduleConfig, after: number, count = 5): number[] {
  const fires: number[] = [];
  let from = after;
  while (fires.length < count) {
    const next = nextFireAfter(config, from);
    if (next === null) break;
    fires.push(next);
    from = next;
  }
  return fires;
}
