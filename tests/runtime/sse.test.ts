import { describe, expect, it } from "vitest";
import { createMemoryRunStore } from "@/lib/engine/memory-run-store";
import type { RunEvent, RunRecord } from "@/lib/engine/run-store";
import { createObservedRunStore } from "@/lib/server/runtime/observed-run-store";
import { createRunEventBus } from "@/lib/server/runtime/run-event-bus";
import { createRunSecrets } from "@/lib/server/runtime/run-secrets";
import { runEventStream } from "@/lib/server/runtime/sse";

const run: RunRecord = {
  id: "r1",
  document: { schema: "switchyard.flow/v1", name: "x", nodes: [], edges: [] },
  state: "running",
  params: {},
  trigger: { kind: "manual" },
  dryRun: false,
  attempt: 1,
  createdAt: 0,
};

const ev = (seq: number, type = "log", data: Record<string, unknown> = { message: `m${seq}` }): RunEvent => ({
  runId: "r1",
  seq,
  at: seq,
  type,
  data,
});

interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads SSE messages until `until` says stop or the stream ends. */
async function readMessages(stream: ReadableStream<Uint8Array>, until: (m: SseMessage[]) => boolean): Promise<SseMessage[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const messages: SseMessage[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let idx: number;
    while ((idx = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const msg: SseMessage = {};
      for (const line of block.split("\n")) {
        const [field, ...rest] = line.split(": ");
        if (field === "id" || field === "event" || field === "data") msg[field] = rest.join(": ");
      }
      if (msg.data !== undefined || msg.event !== undefined) messages.push(msg);
    }
    if (until(messages)) {
      await reader.cancel();
      break;
    }
  }
  return messages;
}

function setup() {
  const inner = createMemoryRunStore();
  const bus = createRunEventBus();
  const store = createObservedRunStore(inner, { bus, secrets: createRunSecrets(), lingerMs: 10 });
  return { store, bus };
}

describe("run events over SSE", () => {
  it("replays stored events after the given sequence, then streams live ones until the final state", async () => {
    const { store, bus } = setup();
    await store.createRun(run);
    await store.appendEvents([ev(1), ev(2), ev(3)]);
    const controller = new AbortController();
    const stream = runEventStream({ runId: "r1", afterSeq: 1, store, bus, signal: controller.signal, pollMs: 50 });
    const reading = readMessages(stream, (m) => m.some((x) => x.event === "end"));
    await new Promise((r) => setTimeout(r, 20));
    await store.appendEvents([ev(4)]);
    await store.updateRun("r1", { state: "completed" });
    // The final event lands after the run's final state (the stream waits for it).
    await store.appendEvents([ev(5, "run.state", { state: "completed" })]);
    const messages = await reading;
    const ids = messages.filter((m) => m.id).map((m) => Number(m.id));
    expect(ids).toEqual([2, 3, 4, 5]);
    const last = JSON.parse(messages.find((m) => m.id === "5")!.data!) as Record<string, unknown>;
    expect(last).toMatchObject({ type: "run.state", state: "completed", runId: "r1", seq: 5 });
    const end = messages.at(-1)!;
    expect(end.event).toBe("end");
    expect(JSON.parse(end.data!)).toMatchObject({ state: "completed", lastSeq: 5 });
  });

  it("closes at once for a finished run after replaying what the client has not seen", async () => {
    const { store, bus } = setup();
    await store.createRun({ ...run, state: "failed" });
    await store.appendEvents([ev(1), ev(2, "run.state", { state: "failed" })]);
    const messages = await readMessages(runEventStream({ runId: "r1", afterSeq: 0, store, bus }), () => false);
    expect(messages.map((m) => m.id ?? m.event)).toEqual(["1", "2", "end"]);
  });

  it("ends with a null state for a run that does not exist", async () => {
    const { store, bus } = setup();
    const messages = await readMessages(runEventStream({ runId: "nope", afterSeq: 0, store, bus }), () => false);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.data!)).toMatchObject({ state: null });
  });
});
