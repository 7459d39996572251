import type { NodeContext } from "@/lib/engine/node-definition";
import { ValidationError } from "@/lib/engine/errors";
import { discordWebhookCredential, discordWebhookFields, type DiscordWebhookData } from "./auth";

/** The node's Discord webhook credential, checked against its schema (never echoing the URL). */
export async function webhookCredential(ctx: NodeContext): Promise<DiscordWebhookData> {
  const credential = await ctx.credential();
  if (credential.type !== discordWebhookCredential.type) {
    throw new ValidationError(`This node needs a ${discordWebhookCredential.title} credential, not ${credential.type}`, {
      path: ["credential"],
    });
  }
  const parsed = discordWebhookFields.safeParse(credential.data);
  if (!parsed.success)
    throw new ValidationError("The Discord webhook credential does not hold a valid webhook URL", { path: ["credential"] });
  return parsed.data;
}
