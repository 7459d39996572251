import type { DiscordMessageConfig } from "@/lib/integrations/discord/message";
import { DISCORD_LIMITS } from "@/lib/integrations/discord/limits";
import type { MessageValues } from "@/lib/integrations/webhook/template";
import { clip, type RunMessage } from "./run-message";

/** The run message in each channel's own format, within each channel's limits. */

const COLORS: Record<RunMessage["outcome"], number> = { success: 0x2e7d32, failure: 0xc62828, neutral: 0x757575 };

export function discordRunMessage(message: RunMessage): DiscordMessageConfig {
  const fields = [
    { name: "Flow", value: clip(message.flow, DISCORD_LIMITS.fieldValue), inline: true },
    { name: "State", value: message.state, inline: true },
    ...(message.duration ? [{ name: "Duration", value: message.duration, inline: true }] : []),
    ...(message.failedNode ? [{ name: "Failed node", value: clip(message.failedNode, DISCORD_LIMITS.fieldValue), inline: false }] : []),
    ...(message.error ? [{ name: "Error", value: clip(message.error, DISCORD_LIMITS.fieldValue), inline: false }] : []),
    { name: "Run", value: message.runUrl ? `[${message.runId}](${message.runUrl})` : message.runId, inline: false },
  ];
  return {
    embeds: [
      {
        title: clip(message.title, DISCORD_LIMITS.title),
        ...(message.runUrl ? { url: message.runUrl } : {}),
        color: COLORS[message.outcome],
        fields,
        footer: { text: "Switchyard" },
      },
    ],
    tts: false,
    mentions: "none",
  };
}

/** Slack mrkdwn needs &, < and > escaped; links are `<url|label>`. */
function mrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function slackRunMessage(message: RunMessage): { text: string; blocks: Record<string, unknown>[] } {
  const fields = [
    `*Flow*\n${mrkdwn(message.flow)}`,
    `*State*\n${message.state}`,
    ...(message.duration ? [`*Duration*\n${message.duration}`] : []),
    ...(message.failedNode ? [`*Failed node*\n${mrkdwn(message.failedNode)}`] : []),
  ].map((text) => ({ type: "mrkdwn", text: clip(text, 2000) }));
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: clip(message.title, 150), emoji: true } },
    { type: "section", fields },
  ];
  if (message.error)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(`*Error*\n\`\`\`${mrkdwn(message.error)}\`\`\``, 3000) } });
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: message.runUrl ? `<${message.runUrl}|Open run ${message.runId}>` : `Run ${message.runId}` }],
  });
  // The text is the notification fallback (and what screen readers and mobile pushes show).
  return { text: clip(message.lines.join("\n"), 3000), blocks };
}

export function webhookRunMessage(message: RunMessage): MessageValues {
  return {
    subject: message.title,
    body: message.lines.slice(1).join("\n"),
    name: message.flow,
    flow: message.flow,
    state: message.state,
    runId: message.runId,
    runUrl: message.runUrl ?? "",
    failedNode: message.failedNode ?? "",
    error: message.error ?? "",
  };
}
