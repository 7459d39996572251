import type { BreakerBackend, BreakerState } from "./engine-api";

interface Circuit {
  state: BreakerState;
  failures: number;
  openedAt: number;
  probeAt: number;
}

/**
 * In-process circuit breakers, one per key (the credential id). Consecutive failures up to the
 * threshold open the circuit; after the cool-down exactly one call is let through as a probe:
 * its success closes the circuit, its failure opens it again for another cool-down. A probe
 * that never reports back (its process died) is replaced after one more cool-down.
 */
export function createMemoryBreakerBackend(): BreakerBackend {
  const circuits = new Map<string, Circuit>();

  return {
    allow(key, now, cooldownMs) {
      const c = circuits.get(key);
      if (!c || c.state === "closed") return Promise.resolve({ allowed: true, state: "closed" as const });
      if (c.state === "open") {
        const retryAt = c.openedAt + cooldownMs;
        if (now < retryAt) return Promise.resolve({ allowed: false, state: "open" as const, retryAt });
      } else if (now < c.probeAt + cooldownMs) {
        return Promise.resolve({ allowed: false, state: "half-open" as const, retryAt: c.probeAt + cooldownMs });
      }
      c.state = "half-open";
      c.probeAt = now;
      return Promise.resolve({ allowed: true, state: "half-open" as const });
    },
    recordSuccess(key) {
      circuits.delete(key);
      return Promise.resolve();
    },
    recordFailure(key, now, threshold) {
      let c = circuits.get(key);
      if (!c) circuits.set(key, (c = { state: "closed", failures: 0, openedAt: 0, probeAt: 0 }));
      c.failures++;
      if (c.state === "half-open" || (c.state === "closed" && c.failures >= threshold)) {
        c.state = "open";
        c.openedAt = now;
      }
      return Promise.resolve(c.state);
    },
  };
}
