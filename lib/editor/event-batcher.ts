/**
 * Collects events as they arrive and hands them over in one batch per animation frame, so a
 * burst of thousands of SSE messages per second becomes at most one React update per frame.
 */

export type FrameScheduler = (flush: () => void) => () => void;

export const animationFrameScheduler: FrameScheduler = (flush) => {
  if (typeof requestAnimationFrame === "function") {
    const id = requestAnimationFrame(flush);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(flush, 16);
  return () => clearTimeout(id);
};

export interface EventBatcher<E> {
  push(event: E): void;
  /** Delivers what is pending now (e.g. before unmount or when the stream ends). */
  flush(): void;
  dispose(): void;
}

export function createEventBatcher<E>(deliver: (events: E[]) => void, schedule: FrameScheduler = animationFrameScheduler): EventBatcher<E> {
  let pending: E[] = [];
  let cancel: (() => void) | null = null;
  let disposed = false;
  const flush = () => {
    cancel = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    deliver(batch);
  };
  return {
    push(event) {
      if (disposed) return;
      pending.push(event);
      cancel ??= schedule(flush);
    },
    flush() {
      cancel?.();
      flush();
    },
    dispose() {
      disposed = true;
      cancel?.();
      cancel = null;
      pending = [];
    },
  };
}
