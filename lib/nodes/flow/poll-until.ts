import { z } from "zod";
import { TimeoutError, ValidationError } from "@/lib/engine/errors";
import { defineNode, routed, type NodeContext } from "@/lib/engine/node-definition";
import { compileNodeExpression, truthy } from "../shared/expression";
import { expressionBindings } from "../shared/condition";

const MAX_POLL_SECONDS = 86_400;

const configSchema = z
  .object({
    source: z.enum(["http", "variable"]).default("http").meta({
      title: "Poll",
      description: "`http`: GET (or HEAD) a URL; `variable`: read a workspace variable that another flow updates.",
    }),
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({ title: "URL", description: "Address polled with GET or HEAD (source http)." }),
    method: z.enum(["GET", "HEAD"]).default("GET").meta({ title: "Method", description: "Only reads: polling repeats the request." }),
    headers: z.record(z.string(), z.string()).default({}).meta({ title: "Headers", widget: "keyvalue" }),
    variable: z
      .string()
      .min(1)
      .optional()
      .meta({ title: "Variable", description: "Workspace variable read on each poll (source variable)." }),
    condition: z.string().min(1).meta({
      title: "Done when",
      description:
        'JSONata over each observation: for http `{ status, headers, body }` (e.g. `body.state = "ready"`), for variable the value itself. `$attempt` is the poll number.',
      widget: "jsonata",
    }),
    intervalSeconds: z.number().min(0.1).max(3_600).default(10).meta({ title: "Interval (s)" }),
    timeoutSeconds: z.number().min(0.1).max(MAX_POLL_SECONDS).default(300).meta({ title: "Give up after (s)" }),
    onTimeout: z.enum(["fail", "route"]).default("fail").meta({
      title: "On timeout",
      description: "`fail`: fail the step with a timeout error; `route`: send the last observation to the timeout port.",
    }),
  })
  .strict()
  .superRefine((c, issue) => {
    if (c.source === "http" && !c.url) issue.addIssue({ code: "custom", message: "required when polling a URL", path: ["url"] });
    if (c.source === "variable" && !c.variable)
      issue.addIssue({ code: "custom", message: "required when polling a variable", path: ["variable"] });
  });

type PollConfig = z.output<typeof configSchema>;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!(response.headers.get("content-type") ?? "").includes("json")) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function observe(ctx: NodeContext, config: PollConfig): Promise<unknown> {
  if (config.source === "variable") return (await ctx.vars.get(config.variable as string)) ?? null;
  try {
    const response = await ctx.fetch(config.url as string, { method: config.method, headers: config.headers, signal: ctx.signal });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await readBody(response) };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    // A failed poll is an observation like any other: the service may not be up yet.
    return { status: 0, headers: {}, body: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Repeats an observation (an HTTP GET or a workspace variable) every interval until a JSONata
 * condition over it holds, or the time runs out. Time is the context clock's, so cancelling
 * the run ends the poll at once and tests run in virtual time.
 */
export const pollUntilNode = defineNode({
  type: "core.flow.poll-until",
  version: 1,
  title: "Poll until",
  description: "Polls a URL or a workspace variable every interval until a condition holds, or gives up after a timeout.",
  category: "flow",
  icon: "refresh-cw",
  config: configSchema,
  output: z
    .object({
      done: z.boolean().meta({ description: "Whether the condition held (false only on the timeout port)." }),
      attempts: z.number().int(),
      elapsedMs: z.number(),
      result: z.unknown().meta({ description: "The last observation." }),
    })
    .meta({ description: "How the poll ended, and the last observation." }),
  ports: (config) => (config.onTimeout === "route" ? ["out", "timeout"] : ["out"]),
  sideEffect: false,
  defaults: { timeoutSeconds: MAX_POLL_SECONDS, retries: 0 },
  async run(ctx, config) {
    if (config.timeoutSeconds < config.intervalSeconds) {
      throw new ValidationError("Give up after must be at least one interval", { path: ["timeoutSeconds"] });
    }
    const condition = compileNodeExpression(config.condition, "condition");
    const start = ctx.clock.now();
    const deadline = start + config.timeoutSeconds * 1000;
    for (let attempt = 1; ; attempt++) {
      const result = await observe(ctx, config);
      const done = truthy(await condition.evaluate(result, { ...expressionBindings(ctx), attempt }));
      const elapsedMs = ctx.clock.now() - start;
      if (done) return routed({ done, attempts: attempt, elapsedMs, result }, { out: { done, attempts: attempt, elapsedMs, result } });
      const remaining = deadline - ctx.clock.now();
      if (remaining <= 0) {
        const report = { done, attempts: attempt, elapsedMs, result };
        if (config.onTimeout === "route") return routed(report, { timeout: report });
        throw new TimeoutError(`Condition not met after ${attempt} polls in ${Math.round(elapsedMs / 1000)} s`, {
          details: { attempts: attempt },
        });
      }
      ctx.log.debug("Condition not met yet", { attempt });
      await ctx.clock.sleep(Math.min(config.intervalSeconds * 1000, remaining), ctx.signal);
    }
  },
});
