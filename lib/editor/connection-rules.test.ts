import { describe, expect, it } from "vitest";
import { createCatalog, outputPortsOf } from "./catalog";
import { checkConnection, reaches, upstreamOf } from "./connection-rules";
import { documentToGraph } from "./graph-mapping";
import { sampleDefinitions, sampleDocument, sampleSwitch } from "./sample-nodes.fixture";

const catalog = createCatalog(sampleDefinitions);
const { nodes, edges } = documentToGraph(sampleDocument);
const attempt = (source: string, sourceHandle: string, target: string, targetHandle = "in") =>
  checkConnection({ source, sourceHandle, target, targetHandle }, nodes, edges, catalog);

describe("connection rules", () => {
  it("accepts a forward edge from an existing port", () => {
    expect(attempt("start", "out", "check")).toEqual({ ok: true });
    expect(attempt("fetch", "error", "check")).toEqual({ ok: true });
  });

  it("refuses cycles and self loops", () => {
    expect(attempt("check", "true", "start").ok).toBe(false); // trigger has no input
    expect(attempt("check", "true", "fetch")).toEqual({ ok: false, reason: "This edge would create a cycle." });
    expect(attempt("fetch", "out", "fetch").ok).toBe(false);
  });

  it("refuses ports that do not exist, edges into triggers and duplicates", () => {
    expect(attempt("check", "out", "fetch")).toEqual({ ok: false, reason: '"check" has no output port "out".' });
    expect(attempt("fetch", "out", "start")).toEqual({ ok: false, reason: '"start" is a trigger and has no input.' });
    expect(attempt("fetch", "out", "check")).toEqual({ ok: false, reason: "These ports are already connected." });
    expect(attempt("start", "out", "check", "other").ok).toBe(false);
    expect(attempt("start", "out", "ann:n1").ok).toBe(false);
  });

  it("derives ports from config and adds error when errors are routed", () => {
    expect(outputPortsOf(sampleSwitch, { cases: ["a", "b"] })).toEqual(["case:a", "case:b", "default"]);
    expect(outputPortsOf(sampleSwitch, { cases: ["a"] }, "route")).toEqual(["case:a", "default", "error"]);
    expect(outputPortsOf(undefined, {})).toEqual(["out"]);
  });

  it("finds reachability and upstream nodes nearest first", () => {
    expect(reaches(edges, "start", "check")).toBe(true);
    expect(reaches(edges, "check", "start")).toBe(false);
    expect(upstreamOf(edges, "check")).toEqual(["fetch", "start"]);
  });
});
