export { authorizeFlow, draftConflict } from "./flow-access";
export type { FlowDetail, FlowSummary, FlowVersionDetail, FlowVersionSummary, UserRef } from "./flow-dto";
export { createFlow, deleteFlow, getFlow, listFlows, saveDraft } from "./flow-service";
export { createVersion, getVersion, listVersions, restoreVersion } from "./flow-versions";
export { FLOW_BODY_LIMIT, createFlowSchema, createVersionSchema, restoreVersionSchema, saveDraftSchema } from "./flow-schemas";
