export { observeRunEvents, observeWebhookLatency, renderMetrics, serverMetrics, setQueueDepthSource } from "./server-metrics";
export { metricsAccess } from "./metrics-access";
export { PROMETHEUS_CONTENT_TYPE } from "./registry";
