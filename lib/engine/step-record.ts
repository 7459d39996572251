import type { Redactor } from "./redact";
import type { StepRecord } from "./run-store";
import type { UnitOutcome } from "./step-attempts";

/** A step record as it may leave the run: inputs, outputs, ports and error masked. */
export function redactRecord(redactor: Redactor, record: StepRecord): StepRecord {
  const out: StepRecord = { ...record };
  if (record.input !== undefined) out.input = redactor.redact(record.input);
  if (record.output !== undefined) out.output = redactor.redact(record.output);
  if (record.ports !== undefined) out.ports = redactor.redact(record.ports);
  if (record.error !== undefined) out.error = redactor.redact(record.error);
  return out;
}

/** The record of one mapped element (`id[index]`). */
export function elementRecord(runId: string, nodeId: string, key: string, index: number, item: unknown, o: UnitOutcome): StepRecord {
  const record: StepRecord = {
    runId,
    key,
    nodeId,
    mapIndex: index,
    state: o.state,
    input: item,
    output: o.output,
    attempts: o.attempts,
    startedAt: o.startedAt,
    finishedAt: o.finishedAt,
  };
  if (o.ports) record.ports = o.ports;
  if (o.serialized) record.error = o.serialized;
  if (o.cacheKey) record.cacheKey = o.cacheKey;
  return record;
}
