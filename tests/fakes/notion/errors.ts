import { randomUUID } from "node:crypto";
import type { FakeReply } from "../fake-server";

/** Notion's error envelope: `{object:"error", status, code, message, request_id}`. */
export function notionError(status: number, code: string, message: string, headers?: Record<string, string>): FakeReply {
  return { status, headers, body: { object: "error", status, code, message, request_id: randomUUID() } };
}

/** Thrown inside route handlers; the fake turns it into Notion's error answer. */
export class NotionApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  reply(): FakeReply {
    return notionError(this.status, this.code, this.message);
  }
}

export const invalid = (message: string): NotionApiError => new NotionApiError(400, "validation_error", message);

export const notFound = (kind: string, id: string): NotionApiError =>
  new NotionApiError(
    404,
    "object_not_found",
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );

/** `body.x.y should be ≤ \`2000\`, instead was \`2001\`.` as Notion phrases limit failures. */
export const tooLong = (path: string, max: number, actual: number): NotionApiError =>
  invalid(`body failed validation: ${path} should be ≤ \`${max}\`, instead was \`${actual}\`.`);
