import { ValidationError } from "./errors";
import type { ParameterSpec } from "./flow-document";
import { matchesType } from "./validate";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function formatProblem(value: unknown, format: ParameterSpec["format"]): string | undefined {
  if (typeof value !== "string" || format === undefined || format === "textarea") return undefined;
  if (format === "email" && !EMAIL.test(value)) return "must be an email address";
  if (format === "url" && !URL.canParse(value)) return "must be a URL";
  if ((format === "date" || format === "date-time") && Number.isNaN(Date.parse(value))) return `must be a ${format}`;
  return undefined;
}

/**
 * A run's parameters checked against the flow's `parameters`: defaults applied, required ones
 * present, types, formats and enums respected. Parameters the flow does not declare pass through.
 */
export function resolveParams(spec: Record<string, ParameterSpec> | undefined, given: Record<string, unknown>): Record<string, unknown> {
  if (!spec) return given;
  const out: Record<string, unknown> = { ...given };
  const problems: { path: (string | number)[]; message: string }[] = [];
  for (const [name, p] of Object.entries(spec)) {
    const value = out[name];
    if (value === undefined || value === null) {
      if (p.default !== undefined) out[name] = p.default;
      else if (p.required) problems.push({ path: ["params", name], message: "is required" });
      continue;
    }
    if (!matchesType(value, p.type)) problems.push({ path: ["params", name], message: `must be of type ${p.type}` });
    else if (p.enum && !p.enum.includes(value as string | number))
      problems.push({ path: ["params", name], message: `must be one of ${p.enum.join(", ")}` });
    else {
      const f = formatProblem(value, p.format);
      if (f) problems.push({ path: ["params", name], message: f });
    }
  }
  if (problems.length > 0) {
    throw new ValidationError(`Invalid parameters: ${problems.map((p) => `${p.path.join(".")} ${p.message}`).join("; ")}`, {
      path: problems[0]!.path,
      details: { problems },
    });
  }
  return out;
}
