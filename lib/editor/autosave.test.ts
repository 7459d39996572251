import { describe, expect, it } from "vitest";
import type { FlowDocument } from "@/lib/engine/flow-document";
import type { SaveOutcome } from "./api";
import type { FlowDetail } from "./api-schemas";
import { createAutosave, type SaveStatus } from "./autosave";

const doc: FlowDocument = { schema: "switchyard.flow/v1", name: "x", nodes: [], edges: [] };
const detail = (rev: number): FlowDetail => ({
  id: "f",
  name: "x",
  draft: doc,
  draftRevision: rev,
  draftUpdatedAt: "2026-01-01T00:00:00.000Z",
  latestVersion: 0,
});

function harness(answers: ((rev: number) => SaveOutcome)[]) {
  const timers: (() => void)[] = [];
  const calls: { rev: number; message?: string }[] = [];
  const statuses: SaveStatus["kind"][] = [];
  const autosave = createAutosave(1, {
    getDocument: () => doc,
    save: (_d, rev, message) => {
      calls.push({ rev, ...(message !== undefined ? { message } : {}) });
      const answer = answers.shift() ?? ((r: number) => ({ kind: "saved", flow: detail(r + 1), version: null }));
      return Promise.resolve(answer(rev));
    },
    onStatus: (s) => statuses.push(s.kind),
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => timers.splice(0),
  });
  return { autosave, calls, statuses, fire: () => timers.splice(0).forEach((t) => t()), timers };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("autosave", () => {
  it("debounces edits into one save with the last known revision and advances the revision", async () => {
    const h = harness([]);
    h.autosave.schedule();
    h.autosave.schedule();
    h.autosave.schedule();
    expect(h.timers).toHaveLength(1);
    h.fire();
    await settle();
    expect(h.calls).toEqual([{ rev: 1 }]);
    expect(h.autosave.revision).toBe(2);
    h.autosave.schedule();
    h.fire();
    await settle();
    expect(h.calls.at(-1)).toEqual({ rev: 2 });
    expect(h.statuses.at(-1)).toBe("saved");
  });

  it("stops on a conflict, saves nothing more until the user overwrites with the server's revision", async () => {
    const h = harness([
      () => ({ kind: "conflict", message: "saved by Ada", details: { currentRevision: 7, savedAt: "t", savedBy: null } }),
    ]);
    h.autosave.schedule();
    h.fire();
    await settle();
    expect(h.statuses.at(-1)).toBe("conflict");
    h.autosave.schedule();
    expect(h.timers).toHaveLength(0);
    expect(await h.autosave.flush()).toBe(false);
    expect(h.calls).toHaveLength(1);
    expect(await h.autosave.overwrite()).toBe(true);
    expect(h.calls.at(-1)).toEqual({ rev: 7 });
    expect(h.autosave.revision).toBe(8);
  });

  it("flush with a message saves a version even without pending edits; reset adopts a new revision", async () => {
    const h = harness([]);
    expect(await h.autosave.flush()).toBe(true);
    expect(h.calls).toHaveLength(0);
    await h.autosave.flush("first version");
    expect(h.calls).toEqual([{ rev: 1, message: "first version" }]);
    h.autosave.reset(42);
    h.autosave.schedule();
    await h.autosave.flush();
    expect(h.calls.at(-1)).toEqual({ rev: 42 });
  });
});
