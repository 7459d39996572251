/** Core node types. `lib/nodes/all.ts` combines them with the HTTP and integration nodes. */
export { coreNodes } from "./core-nodes";
