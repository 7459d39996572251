import { z } from "zod";

/** Workspace variable names, as the variables API accepts them. */
export const variableName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, "a letter, then letters, digits, _ . or - (at most 100)")
  .meta({ title: "Variable", description: "Name of the workspace variable." });
