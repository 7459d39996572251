import { readFile } from "node:fs/promises";
import { validateFlow, type FlowDocument, type NodeRegistry, type ValidationProblem } from "@/lib/engine";

export type LoadResult = { ok: true; document: FlowDocument } | { ok: false; problems: ValidationProblem[] };

/** Reads and validates a flow document file; unreadable files and bad JSON are problems at the root path. */
export async function loadFlowFile(file: string, registry: NodeRegistry): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problems: [{ path: [], message: code === "ENOENT" ? "file not found" : `cannot read the file (${code ?? "error"})` }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, problems: [{ path: [], message: `not valid JSON: ${(err as Error).message}` }] };
  }
  return validateFlow(json, registry);
}

/** `nodes[2].config.url` style, as users read paths. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(document)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
