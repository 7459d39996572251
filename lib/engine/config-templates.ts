import { hasTemplate } from "./expression-template";

/** A string field of a node's config that holds `{{ }}`, with its path inside the config. */
export interface TemplateField {
  path: readonly (string | number)[];
  text: string;
}

/** Every templated string in a config value, deep through objects and arrays. */
export function findTemplateFields(value: unknown, path: (string | number)[] = [], out: TemplateField[] = []): TemplateField[] {
  if (typeof value === "string") {
    if (hasTemplate(value)) out.push({ path: [...path], text: value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      findTemplateFields(value[i], path, out);
      path.pop();
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      path.push(key);
      findTemplateFields(v, path, out);
      path.pop();
    }
  }
  return out;
}

export const fieldName = (path: readonly (string | number)[]): string => path.join(".");

/** True when `a` is a prefix of `b` (or equal). */
export function isPrefix(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
