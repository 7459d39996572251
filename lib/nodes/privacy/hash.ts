import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { defineNode } from "@/lib/engine/node-definition";
import { getPath, isRecord, setPath } from "../shared/paths";
import { normalisePii, PII_KINDS, sha256Hex, type PiiKind } from "./pii";

const kindSchema = z.enum(PII_KINDS).meta({ title: "Kind", description: "How to normalise before hashing." });

const configSchema = z
  .object({
    fields: z
      .array(z.object({ path: z.string().min(1).meta({ title: "Field" }), kind: kindSchema }).strict())
      .optional()
      .meta({
        title: "Fields",
        description: "Hash these fields of the input record (or of every record of an input list). Leave empty to hash one value.",
      }),
    value: z
      .string()
      .optional()
      .meta({ title: "Value", description: "The one value to hash when Fields is empty; default: the input text." }),
    kind: kindSchema.default("email"),
    defaultCountryCode: z
      .string()
      .regex(/^\+?\d{1,4}$/, "digits of a country calling code, e.g. 44")
      .optional()
      .meta({ title: "Default country code", description: "Prefixed to phone numbers written without + or 00." }),
  })
  .strict();

async function hashOne(raw: unknown, kind: PiiKind, countryCode: string | undefined): Promise<string | null> {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  const normalised = normalisePii(kind, String(raw), countryCode);
  return normalised === null ? null : sha256Hex(normalised);
}

/**
 * SHA-256 of normalised emails, phone numbers or text (for ad audiences and pseudonymised
 * joins). Values that normalise to nothing (blank, too few digits) become null; the raw values
 * never appear in logs.
 */
export const hashNode = defineNode({
  type: "core.data.hash",
  version: 1,
  title: "Hash PII",
  description: "SHA-256 (lower-case hex) of normalised emails, phone numbers or text, for one value or for fields of records.",
  category: "data",
  icon: "fingerprint",
  config: configSchema,
  output: z
    .union([z.string(), z.null(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
    .meta({ description: "The hash (or null), or the input record(s) with the chosen fields replaced by their hashes." }),
  ports: ["out"],
  sideEffect: false,
  async run(ctx, config, input) {
    const country = config.defaultCountryCode;
    if (!config.fields || config.fields.length === 0) {
      const raw = config.value ?? input;
      if (typeof raw !== "string" && typeof raw !== "number") {
        throw new ValidationError("Hash needs a value: set Value, connect a node that outputs text, or choose Fields", { path: ["value"] });
      }
      return hashOne(raw, config.kind, country);
    }
    const fields = config.fields;
    let unusable = 0;
    const hashRecord = async (record: unknown, index?: number): Promise<Record<string, unknown>> => {
      if (!isRecord(record)) {
        throw new ValidationError(`Hash expects records${index === undefined ? "" : `; item ${index} is not one`}`, { path: ["fields"] });
      }
      let out = record;
      for (const f of fields) {
        const raw = getPath(record, f.path);
        const hash = await hashOne(raw, f.kind, country);
        if (hash === null && raw !== undefined && raw !== null && raw !== "") unusable++;
        out = setPath(out, f.path, hash);
      }
      return out;
    };
    const result = Array.isArray(input) ? await Promise.all(input.map((r, i) => hashRecord(r, i))) : await hashRecord(input);
    if (unusable > 0) ctx.log.warn("Some values could not be normalised and were replaced by null", { count: unusable });
    return result;
  },
});
