import { z } from "zod";
import { ValidationError } from "@/lib/engine/errors";
import { contactPropertyValue, checkLength, mailingListsField } from "./values";

/** The contact fields create and update share, and the body Loops takes for them. */

const STANDARD = ["email", "userId", "firstName", "lastName", "source", "subscribed", "userGroup", "mailingLists"] as const;
const RESERVED = new Set<string>([...STANDARD, "id", "optInStatus"]);

const text = (title: string, description: string) => z.string().optional().meta({ title, description });

export const contactFieldsConfig = {
  firstName: text("First name", "The contact's first name."),
  lastName: text("Last name", "The contact's last name."),
  source: text("Source", 'Where the contact came from, e.g. "Switchyard". Loops shows "API" when empty.'),
  subscribed: z.boolean().optional().meta({ title: "Subscribed", description: "false unsubscribes the contact from campaigns and loops." }),
  userGroup: text("User group", "A group name for segmenting."),
  mailingLists: mailingListsField,
  properties: z.record(z.string().min(1), z.unknown()).optional().meta({
    title: "Custom properties",
    description: "Property name → value (text, number, true/false, or null to clear). Create the properties in Loops first.",
    widget: "keyvalue",
  }),
};

export interface ContactFieldsInput {
  firstName?: string;
  lastName?: string;
  source?: string;
  subscribed?: boolean;
  userGroup?: string;
  mailingLists?: Record<string, boolean>;
  properties?: Record<string, unknown>;
}

/** Standard fields and custom properties as top-level keys, which is how Loops takes them. */
export function contactBody(config: ContactFieldsInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config.properties ?? {})) {
    if (value === undefined) continue;
    if (RESERVED.has(key)) {
      throw new ValidationError(`Custom property "${key}" is a standard Loops field; set it with its own field`, {
        path: ["properties", key],
      });
    }
    body[key] = contactPropertyValue(value, ["properties", key]);
  }
  for (const key of ["firstName", "lastName", "source", "userGroup"] as const) {
    const value = config[key];
    if (value !== undefined) body[key] = checkLength(value, [key]);
  }
  if (config.subscribed !== undefined) body.subscribed = config.subscribed;
  if (config.mailingLists && Object.keys(config.mailingLists).length > 0) body.mailingLists = config.mailingLists;
  return body;
}
