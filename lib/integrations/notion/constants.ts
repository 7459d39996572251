/** Notion API facts the nodes and their checks rely on (developers.notion.com, request limits). */

export const NOTION_API_URL = "https://api.notion.com";

/**
 * The API version every request pins. 2025-09-03 is the SDK's default and the version where a
 * database holds one or more data sources; queries go to the data source.
 */
export const NOTION_API_VERSION = "2025-09-03";

/** Documented average rate per integration connection. */
export const NOTION_REQUESTS_PER_SECOND = 3;

export const NOTION_LIMITS = {
  /** Characters in one rich text item's `text.content`, and in a link URL. */
  richTextContent: 2000,
  /** Items in any array of rich text objects. */
  richTextItems: 100,
  url: 2000,
  email: 200,
  phoneNumber: 200,
  multiSelectOptions: 100,
  relations: 100,
  people: 100,
  /** Block children in one append request. */
  blocksPerRequest: 100,
  /** Block elements in one request payload, nested ones included. */
  blockElementsPerPayload: 1000,
  /** Request payload size. */
  payloadBytes: 500_000,
  /** `page_size` of list endpoints. */
  pageSize: 100,
} as const;
