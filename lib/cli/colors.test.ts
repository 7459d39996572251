import { describe, expect, it } from "vitest";
import { colorEnabled, createPaint, truncateVisible, visibleLength } from "./colors";

describe("terminal styling", () => {
  const paint = createPaint(true);

  it("measures and cuts styled text by its visible characters", () => {
    const s = `${paint.green("✓")} ${paint.bold("a long node name")}`;
    expect(visibleLength(s)).toBe(18);
    const cut = truncateVisible(s, 8);
    expect(visibleLength(cut)).toBe(8);
    expect(cut.endsWith("…\u001b[0m")).toBe(true);
    expect(truncateVisible(s, 40)).toBe(s);
  });

  it("follows NO_COLOR, FORCE_COLOR and the terminal", () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled(true, { TERM: "dumb" })).toBe(false);
    expect(createPaint(false).red("x")).toBe("x");
  });
});
