import { z } from "zod";
import { defineNode, routed, type AnyNodeDefinition } from "@/lib/engine/node-definition";
import type { FlowDocument } from "@/lib/engine/flow-document";

/** Small node definitions for the editor's unit tests (the real ones live in lib/nodes). */

export const sampleTrigger = defineNode({
  type: "test.trigger.manual",
  version: 1,
  title: "Manual trigger",
  description: "Starts the flow by hand",
  category: "trigger",
  icon: "play",
  hasInput: false,
  config: z.object({}),
  output: z.record(z.string(), z.unknown()),
  ports: ["out"],
  sideEffect: false,
  run: (ctx) => Promise.resolve({ ...ctx.params }),
});

export const sampleIf = defineNode({
  type: "test.logic.if",
  version: 1,
  title: "If",
  description: "Branches on a condition",
  category: "logic",
  icon: "git-branch",
  config: z.object({ condition: z.string().meta({ widget: "jsonata" }) }),
  output: z.object({ result: z.boolean() }),
  ports: ["true", "false"],
  sideEffect: false,
  run: () => Promise.resolve(routed({ result: true }, { true: 1 })),
});

export const sampleSwitch = defineNode({
  type: "test.logic.switch",
  version: 1,
  title: "Switch",
  description: "Routes by case",
  category: "logic",
  icon: "split",
  config: z.object({ cases: z.array(z.string()).default([]) }),
  output: z.unknown(),
  ports: (config: { cases: string[] }) => [...config.cases.map((c) => `case:${c}`), "default"],
  sideEffect: false,
  run: () => Promise.resolve(null),
});

export const sampleHttp = defineNode({
  type: "test.http.request",
  version: 1,
  title: "HTTP request",
  description: "Calls a URL",
  category: "http",
  icon: "globe",
  credential: "http-auth",
  config: z.object({
    url: z.string().url().meta({ title: "URL", description: "Where to send the request" }),
    method: z.enum(["GET", "POST"]).default("GET"),
    headers: z.record(z.string(), z.string()).optional(),
    timeout: z.number().int().min(1).max(600).optional(),
    followRedirects: z.boolean().default(true),
    tags: z.array(z.string()).default([]),
    body: z.unknown().optional(),
    auth: z.object({ user: z.string(), scheme: z.enum(["basic", "bearer"]) }).optional(),
  }),
  output: z.object({ status: z.number(), body: z.object({ rows: z.array(z.object({ email: z.string() })) }) }),
  ports: ["out"],
  sideEffect: true,
  run: () => Promise.resolve({ status: 200, body: { rows: [] } }),
});

export const sampleDefinitions: AnyNodeDefinition[] = [sampleTrigger, sampleIf, sampleSwitch, sampleHttp];

export const sampleDocument: FlowDocument = {
  schema: "switchyard.flow/v1",
  name: "Sample",
  description: "A sample flow",
  parameters: { email: { type: "string", format: "email", required: true } },
  nodes: [
    { id: "start", type: "test.trigger.manual", typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    {
      id: "fetch",
      type: "test.http.request",
      typeVersion: 1,
      label: "Fetch rows",
      position: { x: 250, y: 0 },
      credential: "cred_1",
      config: { url: "https://example.com/{{ params.email }}", method: "GET" },
      settings: { retries: 3, onError: "route" },
    },
    {
      id: "check",
      type: "test.logic.if",
      typeVersion: 1,
      notes: "checks",
      position: { x: 500, y: 0 },
      config: { condition: "status = 200" },
    },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "fetch", targetPort: "in" },
    { id: "e2", source: "fetch", sourcePort: "out", target: "check", targetPort: "in" },
  ],
  settings: { timeoutSeconds: 60 },
  annotations: [
    { id: "n1", kind: "note", position: { x: 0, y: 200 }, size: { width: 200, height: 100 }, text: "Hello", color: "yellow" },
    { id: "g1", kind: "group", position: { x: 230, y: -40 }, size: { width: 500, height: 160 }, text: "Fetch", nodes: ["fetch", "check"] },
  ],
};
