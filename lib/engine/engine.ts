import type { Engine, EngineDeps } from "./engine-api";

export function createEngine(_deps: EngineDeps): Engine {
  const notYet = (): never => {
    throw new Error("engine: not implemented yet");
  };
  return {
    startRun: () => Promise.resolve(notYet()),
    resumeRun: () => Promise.resolve(notYet()),
    retryFromFailure: () => Promise.resolve(notYet()),
    cancel: () => false,
    testNode: () => Promise.resolve(notYet()),
    shutdown: () => Promise.resolve(),
  };
}
