export { createFlowFromTemplate, listTemplates, type TemplateSummary } from "./template-service";
export { createFromTemplateSchema, type CreateFromTemplateInput } from "./template-schemas";
