import type { NodeCategory } from "@/lib/engine/node-definition";
import type { StepState } from "@/lib/engine/states";

/** Colours by category (icon tile) and by step state (badge and ring). */

export const CATEGORY_TILE: Record<NodeCategory, string> = {
  trigger: "bg-emerald-100 text-emerald-700",
  logic: "bg-amber-100 text-amber-700",
  data: "bg-sky-100 text-sky-700",
  flow: "bg-violet-100 text-violet-700",
  artifact: "bg-fuchsia-100 text-fuchsia-700",
  code: "bg-zinc-200 text-zinc-700",
  http: "bg-indigo-100 text-indigo-700",
  notification: "bg-rose-100 text-rose-700",
  integration: "bg-teal-100 text-teal-700",
};

/** The icon colour of each category (Tailwind's 700 shades of the tile's text colour), for icons drawn as images. */
export const CATEGORY_ICON_COLOR: Record<NodeCategory, string> = {
  trigger: "#047857",
  logic: "#b45309",
  data: "#0369a1",
  flow: "#6d28d9",
  artifact: "#a21caf",
  code: "#3f3f46",
  http: "#4338ca",
  notification: "#be123c",
  integration: "#0f766e",
};
export const UNKNOWN_ICON_COLOR = "#b91c1c";

export const STATE_STYLE: Record<StepState, { label: string; badge: string; ring: string }> = {
  pending: { label: "Pending", badge: "bg-zinc-100 text-zinc-600", ring: "ring-zinc-300" },
  running: { label: "Running", badge: "bg-sky-100 text-sky-700", ring: "ring-sky-400 shadow-sky-100" },
  retrying: { label: "Retrying", badge: "bg-amber-100 text-amber-800", ring: "ring-amber-400" },
  completed: { label: "Completed", badge: "bg-emerald-100 text-emerald-700", ring: "ring-emerald-400" },
  failed: { label: "Failed", badge: "bg-red-100 text-red-700", ring: "ring-red-400" },
  cached: { label: "Cached", badge: "bg-violet-100 text-violet-700", ring: "ring-violet-300" },
  skipped: { label: "Skipped", badge: "bg-zinc-100 text-zinc-500", ring: "ring-zinc-200" },
  "dry-run": { label: "Dry run", badge: "bg-indigo-100 text-indigo-700", ring: "ring-indigo-300" },
};

/** Port names as shown beside their handles: `case:gold` -> `gold`. */
export function portLabel(port: string): string {
  return port.startsWith("case:") ? port.slice(5) : port;
}
