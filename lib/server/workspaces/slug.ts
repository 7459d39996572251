import { randomBytes } from "node:crypto";

const MAX_LENGTH = 40;

/** `Acme Marketing!` → `acme-marketing`; ASCII letters, digits and single dashes. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_LENGTH)
    .replace(/-+$/g, "");
  return slug === "" ? "workspace" : slug;
}

/** The slug with a short random suffix, for when the plain one is taken. */
export function suffixedSlug(base: string): string {
  return `${base.slice(0, MAX_LENGTH - 5)}-${randomBytes(3).toString("hex").slice(0, 4)}`;
}
