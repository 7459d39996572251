/** Flow notifications for `onFailure` / `onCompletion` hooks. */
export { sendRunNotification, NOTIFY_CREDENTIAL_TYPES, type NotifyOptions } from "./send-run-notification";
export { runMessage, formatDuration, type RunMessage } from "./run-message";
