/**
 * Undo/redo over immutable snapshots. Snapshots share structure (unchanged node objects are the
 * same objects), so a long history of a large flow costs little memory.
 */

export interface History<S> {
  readonly present: S;
  readonly past: readonly S[];
  readonly future: readonly S[];
}

export const HISTORY_LIMIT = 200;

export function createHistory<S>(initial: S): History<S> {
  return { present: initial, past: [], future: [] };
}

/** Records `next` as the new present; clears the redo stack. */
export function record<S>(h: History<S>, next: S, limit = HISTORY_LIMIT): History<S> {
  if (next === h.present) return h;
  const past = [...h.past, h.present];
  if (past.length > limit) past.splice(0, past.length - limit);
  return { present: next, past, future: [] };
}

/** Replaces the present without an undo step (selection, measuring, live drag frames). */
export function replacePresent<S>(h: History<S>, next: S): History<S> {
  return next === h.present ? h : { ...h, present: next };
}

export function undo<S>(h: History<S>): History<S> {
  const previous = h.past[h.past.length - 1];
  if (previous === undefined) return h;
  return { present: previous, past: h.past.slice(0, -1), future: [h.present, ...h.future] };
}

export function redo<S>(h: History<S>): History<S> {
  const next = h.future[0];
  if (next === undefined) return h;
  return { present: next, past: [...h.past, h.present], future: h.future.slice(1) };
}

export const canUndo = <S>(h: History<S>): boolean => h.past.length > 0;
export const canRedo = <S>(h: History<S>): boolean => h.future.length > 0;
