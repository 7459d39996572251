import type { StepState } from "@/lib/engine";
import type { Paint } from "../colors";

/** One symbol and colour per step state, shared by both displays. */
export function stateBadge(state: StepState, paint: Paint): string {
  switch (state) {
    case "pending":
      return paint.dim("○");
    case "running":
      return paint.cyan("◐");
    case "retrying":
      return paint.yellow("↻");
    case "completed":
      return paint.green("✓");
    case "failed":
      return paint.red("✗");
    case "cached":
      return paint.green("≡");
    case "skipped":
      return paint.dim("⊘");
    case "dry-run":
      return paint.magenta("◇");
  }
}
