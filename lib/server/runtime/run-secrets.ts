/**
 * The secret values each run has touched, recorded by the credential resolver when it
 * decrypts a credential for a run. The run store and the logger redact with them, so a
 * secret that a node echoes into an output, an error or a log line is stored as `***` even
 * if it slipped past the engine's own redaction.
 */
export interface RunSecrets {
  add(runId: string, secrets: readonly string[]): void;
  /** Secrets of one run, longest first. */
  of(runId: string): readonly string[];
  /** Every secret this process holds for live runs, longest first (logs, cache entries). */
  all(): readonly string[];
  /** Forget a run's secrets (after its final state). */
  forget(runId: string): void;
}

export function createRunSecrets(): RunSecrets {
  const byRun = new Map<string, Set<string>>();
  let allCache: string[] | undefined;
  const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort((a, b) => b.length - a.length);
  return {
    add(runId, secrets) {
      if (secrets.length === 0) return;
      let set = byRun.get(runId);
      if (!set) byRun.set(runId, (set = new Set()));
      for (const s of secrets) set.add(s);
      allCache = undefined;
    },
    of(runId) {
      const set = byRun.get(runId);
      return set ? sorted(set) : [];
    },
    all() {
      allCache ??= sorted([...byRun.values()].flatMap((s) => [...s]));
      return allCache;
    },
    forget(runId) {
      if (byRun.delete(runId)) allCache = undefined;
    },
  };
}
