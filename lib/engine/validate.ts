import { flowDocumentSchema, type FlowDocument } from "./flow-document";
import type { NodeRegistry } from "./engine-api";

export interface ValidationProblem {
  path: (string | number)[];
  message: string;
}

export type ValidationResult = { ok: true; document: FlowDocument } | { ok: false; problems: ValidationProblem[] };

export function validateFlow(doc: unknown, _registry: NodeRegistry): ValidationResult {
  const parsed = flowDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })),
    };
  }
  return { ok: true, document: parsed.data };
}
