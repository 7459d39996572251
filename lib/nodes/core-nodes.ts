import type { AnyNodeDefinition } from "@/lib/engine/node-definition";
import { linkArtifactNode } from "./artifact/link-artifact";
import { markdownArtifactNode } from "./artifact/markdown-artifact";
import { tableArtifactNode } from "./artifact/table-artifact";
import { failNode } from "./flow/fail";
import { pollUntilNode } from "./flow/poll-until";
import { respondWebhookNode } from "./flow/respond-webhook";
import { stopNode } from "./flow/stop";
import { subflowNode } from "./flow/subflow";
import { waitNode } from "./flow/wait";
import { csvFormatNode } from "./formats/csv-format";
import { csvParseNode } from "./formats/csv-parse";
import { jsonFormatNode } from "./formats/json-format";
import { jsonParseNode } from "./formats/json-parse";
import { ifNode } from "./logic/if";
import { mergeNode } from "./logic/merge";
import { switchNode } from "./logic/switch";
import { hashNode } from "./privacy/hash";
import { aggregateNode } from "./records/aggregate";
import { filterNode } from "./records/filter";
import { lookupNode } from "./records/lookup";
import { qualityCheckNode } from "./records/quality-check";
import { removeDuplicatesNode } from "./records/remove-duplicates";
import { setFieldsNode } from "./records/set-fields";
import { splitBatchesNode } from "./records/split-batches";
import { transformNode } from "./records/transform";
import { manualTrigger } from "./trigger/manual";
import { webhookTrigger } from "./trigger/webhook";
import { getVariableNode } from "./variable/get-variable";
import { setVariableNode } from "./variable/set-variable";

/**
 * The core node types, in palette order. Light definitions only: nothing here imports node:*
 * or a vendor SDK, so the canvas can import this list.
 */
export const coreNodes: readonly AnyNodeDefinition[] = [
  manualTrigger,
  webhookTrigger,
  ifNode,
  switchNode,
  mergeNode,
  filterNode,
  setFieldsNode,
  transformNode,
  splitBatchesNode,
  aggregateNode,
  removeDuplicatesNode,
  lookupNode,
  qualityCheckNode,
  csvParseNode,
  csvFormatNode,
  jsonParseNode,
  jsonFormatNode,
  hashNode,
  getVariableNode,
  setVariableNode,
  waitNode,
  pollUntilNode,
  subflowNode,
  failNode,
  stopNode,
  respondWebhookNode,
  markdownArtifactNode,
  tableArtifactNode,
  linkArtifactNode,
];
