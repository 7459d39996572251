"use client";

import { useEffect, useState } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function formatRelative(iso: string, now: number): string {
  const diff = new Date(iso).getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(Math.round(diff / ms), unit);
  }
  return "just now";
}

/**
 * "3 minutes ago", with the exact time as a tooltip. Rendered after mount, so server and
 * browser clocks never disagree in the markup.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string>();
  useEffect(() => setText(formatRelative(iso, Date.now())), [iso]);
  return (
    <time dateTime={iso} title={new Date(iso).toUTCString()}>
      {text ?? new Date(iso).toISOString().slice(0, 10)}
    </time>
  );
}
