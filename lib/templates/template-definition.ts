import type { FlowDocument } from "@/lib/engine/flow-document";

/**
 * A template is a flow document with placeholders, plus what the gallery needs to show it and
 * to ask for the missing pieces. Placeholders are whole string values, never parts of a
 * string, so filling one can never produce a half-substituted expression:
 *
 * - `<credential:SLOT>` as a node's `credential`: the id of a credential the user picks;
 * - `<setting:KEY>` anywhere in a node's config: a value the user types (a database link,
 *   an email id), checked by the setting's pattern before the flow is created.
 *
 * Definitions are plain data (no Prisma, no React), so the browser's gallery and the server's
 * create route read the same object.
 */

export interface TemplateCredentialSlot {
  /** Name used in `<credential:SLOT>` and in the create request's `credentials` object. */
  slot: string;
  /** The credential type the node needs, e.g. `notion.api-token`. */
  type: string;
  label: string;
  /** What the credential is for in this flow, shown under the picker. */
  purpose: string;
}

export interface TemplateSetting {
  /** Name used in `<setting:KEY>` and in the create request's `settings` object. */
  key: string;
  label: string;
  description: string;
  placeholder?: string;
  /** The value must match this pattern (the source of a RegExp; anchor it when the whole value counts). */
  pattern?: string;
  patternMessage?: string;
}

export interface TemplateDefinition {
  /** Stable id, used in URLs and the create request. */
  id: string;
  name: string;
  /** One line for the gallery card. */
  summary: string;
  /** A few sentences for the create dialog: what runs, in which order, and what to prepare. */
  walkthrough: readonly string[];
  /** Link to the full walkthrough in the docs. */
  docsUrl: string;
  credentials: readonly TemplateCredentialSlot[];
  settings: readonly TemplateSetting[];
  /** The flow with placeholders. */
  document: FlowDocument;
}

export const credentialPlaceholder = (slot: string): string => `<credential:${slot}>`;
export const settingPlaceholder = (key: string): string => `<setting:${key}>`;

export const PLACEHOLDER = /^<(credential|setting):([A-Za-z][A-Za-z0-9_]*)>$/;
