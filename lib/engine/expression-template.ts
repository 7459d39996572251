/**
 * Splits a config string into literal text and `{{ expression }}` parts. Browser-safe: the
 * editor uses it for highlighting and live previews.
 */

export type TemplatePart = { kind: "text"; text: string } | { kind: "expr"; source: string; offset: number };

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** The whole field is one `{{ }}` (surrounding blanks allowed): the value keeps its JSON type. */
  single: boolean;
}

export class TemplateSyntaxError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = "TemplateSyntaxError";
    this.position = position;
  }
}

export const hasTemplate = (text: string): boolean => text.includes("{{");

export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open === -1) {
      parts.push({ kind: "text", text: text.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: "text", text: text.slice(i, open) });
    const close = findClose(text, open + 2);
    if (close === -1) throw new TemplateSyntaxError("`{{` has no matching `}}`", open);
    const source = text.slice(open + 2, close);
    if (source.trim() === "") throw new TemplateSyntaxError("empty expression `{{ }}`", open);
    parts.push({ kind: "expr", source, offset: open + 2 });
    i = close + 2;
  }
  const exprs = parts.filter((p) => p.kind === "expr");
  const single = exprs.length === 1 && parts.every((p) => p.kind === "expr" || p.text.trim() === "");
  return { parts, single };
}

/**
 * Finds the `}}` closing an expression, skipping string literals and nested braces so that
 * `{{ {"a": {"b": 1}} }}` and `{{ "}}" }}` parse as a reader would expect.
 */
function findClose(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0 && text[i + 1] === "}") return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}
