import type { RunFilters } from "@/lib/editor/api";

/** The active filters in words, for the empty state: "failed", "a dry run", "a failed dry run". */
export function describeFilters(filters: RunFilters): string {
  const kind = filters.dryRun === true ? "dry run" : filters.dryRun === false ? "real run" : null;
  if (filters.state && kind) return `a ${filters.state} ${kind}`;
  if (filters.state) return filters.state;
  if (kind) return `a ${kind}`;
  return "shown";
}
