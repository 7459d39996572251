import type { FlowDocument } from "@/lib/engine/flow-document";
import type { ConflictDetails, FlowDetail } from "./api-schemas";
import type { SaveOutcome } from "./api";

/**
 * Debounced draft saving with optimistic concurrency: every save sends the revision it last
 * saw; a conflict stops autosaving until the user chooses (reload, or overwrite the server's
 * current revision on purpose). Nothing is overwritten silently.
 */

export type SaveStatus =
  | { kind: "saved"; at: string; revision: number }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "conflict"; details: ConflictDetails | null; message: string }
  | { kind: "error"; message: string };

export interface AutosaveDeps {
  getDocument(): FlowDocument;
  save(document: FlowDocument, revision: number, versionMessage?: string): Promise<SaveOutcome>;
  onStatus(status: SaveStatus): void;
  onSaved?(flow: FlowDetail): void;
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface Autosave {
  /** The document changed: save it after the quiet period. */
  schedule(): void;
  /** Saves now (pending changes, or with a version message). Resolves false on conflict or error. */
  flush(versionMessage?: string): Promise<boolean>;
  /** After a conflict: save over the other person's revision on purpose. */
  overwrite(): Promise<boolean>;
  /** After a reload or a restore: the server's revision is the new base. */
  reset(revision: number): void;
  readonly revision: number;
  readonly dirty: boolean;
  dispose(): void;
}

export function createAutosave(initialRevision: number, deps: AutosaveDeps): Autosave {
  const delay = deps.delayMs ?? 800;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let revision = initialRevision;
  let timer: unknown = null;
  let dirty = false;
  let inFlight: Promise<boolean> | null = null;
  let conflict: ConflictDetails | null | undefined = undefined;
  let disposed = false;

  const stopTimer = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };

  const saveNow = async (versionMessage?: string): Promise<boolean> => {
    dirty = false;
    deps.onStatus({ kind: "saving" });
    try {
      const outcome = await deps.save(deps.getDocument(), revision, versionMessage);
      if (outcome.kind === "conflict") {
        conflict = outcome.details;
        dirty = true;
        deps.onStatus({ kind: "conflict", details: outcome.details, message: outcome.message });
        return false;
      }
      revision = outcome.flow.draftRevision;
      deps.onSaved?.(outcome.flow);
      deps.onStatus(dirty ? { kind: "dirty" } : { kind: "saved", at: outcome.flow.draftUpdatedAt, revision });
      return true;
    } catch (error) {
      dirty = true;
      deps.onStatus({ kind: "error", message: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };

  const run = async (versionMessage?: string, force = false): Promise<boolean> => {
    while (inFlight) await inFlight;
    if (disposed || (conflict !== undefined && !force)) return false;
    if (!dirty && versionMessage === undefined) return true;
    inFlight = saveNow(versionMessage);
    try {
      return await inFlight;
    } finally {
      inFlight = null;
    }
  };

  return {
    schedule() {
      dirty = true;
      if (conflict !== undefined || disposed) return;
      deps.onStatus({ kind: "dirty" });
      stopTimer();
      timer = setTimer(() => {
        timer = null;
        void run();
      }, delay);
    },
    flush(versionMessage) {
      stopTimer();
      return run(versionMessage);
    },
    async overwrite() {
      if (conflict === undefined) return true;
      if (conflict) revision = conflict.currentRevision;
      conflict = undefined;
      dirty = true;
      return run(undefined, true);
    },
    reset(next) {
      revision = next;
      conflict = undefined;
      dirty = false;
      stopTimer();
    },
    get revision() {
      return revision;
    },
    get dirty() {
      return dirty;
    },
    dispose() {
      disposed = true;
      stopTimer();
    },
  };
}
