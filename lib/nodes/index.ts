/** Core node types. `lib/catalog` combines them with the HTTP and integration nodes. */
export { coreNodes } from "./core-nodes";
