import * as rruleModule from "rrule";

// `rrule` ships CommonJS to Node (its exports then sit on `default`) and ES modules to bundlers.
const loaded: typeof rruleModule =
  "RRule" in rruleModule ? rruleModule : (rruleModule as unknown as { default: typeof rruleModule }).default;

export const { RRule } = loaded;
