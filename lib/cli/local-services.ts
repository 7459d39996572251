import path from "node:path";
import { z } from "zod";
import type { CredentialResolver, FlowLoader, NodeRegistry, ResolvedCredential, VariableStore } from "@/lib/engine";
import { AuthError, NotFoundError } from "@/lib/engine";
import { formatPath, loadFlowFile } from "./load-flow";
import { UsageError } from "./usage-error";

/** Workspace variables of a CLI run: given with --vars, kept in memory, written back by Set variable. */
export function memoryVariables(initial: Record<string, unknown>): VariableStore & { snapshot(): Record<string, unknown> } {
  const values = new Map(Object.entries(initial));
  return {
    get: (name) => Promise.resolve(values.get(name)),
    set: (name, value) => {
      values.set(name, value);
      return Promise.resolve();
    },
    all: () => Promise.resolve(Object.fromEntries(values)),
    snapshot: () => Object.fromEntries(values),
  };
}

/** Sub-flows of a CLI run are files: a sub-flow node's `flow` is a path relative to the main document's folder. */
export function fileFlowLoader(baseDir: string, registry: NodeRegistry): FlowLoader {
  return {
    async load(flowRef) {
      const file = path.resolve(baseDir, flowRef);
      const loaded = await loadFlowFile(file, registry);
      if (loaded.ok) return { document: loaded.document };
      if (loaded.problems.some((p) => p.message === "file not found")) return null;
      const first = loaded.problems[0];
      throw new NotFoundError(
        `Sub-flow ${flowRef} is invalid: ${first ? `${formatPath(first.path)}: ${first.message}` : "unknown problem"}`,
      );
    },
  };
}

const credentialFileSchema = z.record(
  z.string().min(1),
  z.object({ type: z.string().min(1), data: z.record(z.string(), z.unknown()) }).strict(),
);

function secretStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string" && value.length > 0) out.push(value);
  else if (Array.isArray(value)) for (const v of value) secretStrings(v, out);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) secretStrings(v, out);
  return out;
}

/** Credentials given with --credentials; every string in their data counts as a secret to redact. */
export function staticCredentials(raw: Record<string, unknown>): CredentialResolver {
  const parsed = credentialFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--credentials: ${issue ? `${formatPath(issue.path as (string | number)[])}: ${issue.message}` : "invalid"}`);
  }
  const byId = new Map<string, ResolvedCredential>(
    Object.entries(parsed.data).map(([id, c]) => [id, { id, type: c.type, data: c.data, secrets: secretStrings(c.data) }]),
  );
  return {
    resolve(credentialId) {
      const found = byId.get(credentialId);
      return found ? Promise.resolve(found) : Promise.reject(new AuthError(`Credential ${credentialId} was not given (--credentials)`));
    },
  };
}
