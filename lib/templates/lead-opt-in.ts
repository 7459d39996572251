import { FLOW_SCHEMA_ID } from "@/lib/engine/flow-document";
import { credentialPlaceholder, settingPlaceholder, type TemplateDefinition } from "./template-definition";

/**
 * Lead opt-in: a person leaves their email (a form, a landing page, a script calling the API);
 * the flow finds them in a Notion leads database or adds them, sends a Loops transactional
 * email, and tells the team on Discord whether the lead is new or returning.
 *
 * The Notion database needs the properties Name (title), Email (email), Source (text) and
 * Opted in (checkbox); the Loops email may use the data variables firstName and source.
 */

const notion = credentialPlaceholder("notion");
const database = settingPlaceholder("notionDatabase");

/** Discord's blurple for returning leads, green for new ones. */
const NEW_LEAD_COLOR = 0x57f287;
const RETURNING_LEAD_COLOR = 0x5865f2;

export const leadOptInTemplate: TemplateDefinition = {
  id: "lead-opt-in",
  name: "Lead opt-in",
  summary: "Find or create the lead in Notion, send a Loops transactional email, and post a Discord alert.",
  walkthrough: [
    "Run it with an email, a first name and (optionally) where the lead came from — from the editor's Run button, the API or the CLI.",
    "Notion: finds the row of your leads database whose Email equals the address; only when there is none, it creates one (Name, Email, Source, Opted in).",
    "Loops: sends your published transactional email to the lead, with firstName and source as data variables.",
    "Discord: posts an embed to your channel saying whether the lead is new or returning, with a link to the Notion page.",
  ],
  docsUrl: "/docs/templates#lead-opt-in",
  credentials: [
    { slot: "notion", type: "notion.api-token", label: "Notion", purpose: "Reads and adds rows of the leads database." },
    { slot: "loops", type: "loops.api-key", label: "Loops", purpose: "Sends the transactional email." },
    { slot: "discord", type: "discord.webhook", label: "Discord webhook", purpose: "Posts the alert into your channel." },
  ],
  settings: [
    {
      key: "notionDatabase",
      label: "Notion leads database",
      description: "The database's link or id. It needs the properties Name (title), Email (email), Source (text) and Opted in (checkbox).",
      placeholder: "https://www.notion.so/acme/Leads-…",
      pattern: "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}",
      patternMessage: "paste the database's Notion link or its 32-character id",
    },
    {
      key: "loopsTransactionalId",
      label: "Loops transactional email id",
      description: "From the email's Publish page in Loops. It may use the data variables firstName and source.",
      placeholder: "clx…",
      pattern: "^[A-Za-z0-9_-]{1,100}$",
      patternMessage: "letters, digits, _ and - only, as Loops shows it",
    },
  ],
  document: {
    schema: FLOW_SCHEMA_ID,
    name: "Lead opt-in",
    description: "Find or create the lead in Notion, send the Loops welcome email, alert the team on Discord.",
    parameters: {
      email: { type: "string", format: "email", required: true, description: "The lead's email address." },
      firstName: { type: "string", required: true, description: "The lead's first name." },
      source: { type: "string", default: "website", description: "Where the lead opted in (form, landing page, campaign)." },
    },
    nodes: [
      { id: "start", type: "core.trigger.manual", typeVersion: 1, label: "Opt-in received", position: { x: 0, y: 120 }, config: {} },
      {
        id: "find_lead",
        type: "notion.page.find",
        typeVersion: 1,
        label: "Find lead by email",
        position: { x: 260, y: 120 },
        credential: notion,
        config: { database, property: "Email", propertyType: "email", value: "{{ params.email }}" },
      },
      {
        id: "is_known",
        type: "core.logic.if",
        typeVersion: 1,
        label: "Already in Notion?",
        position: { x: 520, y: 120 },
        config: { condition: "{{ nodes.find_lead.output.found }}" },
      },
      {
        id: "create_lead",
        type: "notion.page.create",
        typeVersion: 1,
        label: "Create lead",
        position: { x: 780, y: 240 },
        credential: notion,
        config: {
          database,
          properties: { Name: "{{ params.firstName }}", Email: "{{ params.email }}", Source: "{{ params.source }}", "Opted in": true },
          propertyTypes: { Name: "title", Email: "email", Source: "rich_text", "Opted in": "checkbox" },
        },
      },
      {
        id: "lead_ready",
        type: "core.logic.merge",
        typeVersion: 1,
        label: "Lead ready",
        notes: "Passes on whichever branch ran: the page found, or the page just created.",
        position: { x: 1040, y: 120 },
        config: { mode: "first", combine: "object" },
      },
      {
        id: "send_email",
        type: "loops.email.send-transactional",
        typeVersion: 1,
        label: "Send welcome email",
        position: { x: 1300, y: 120 },
        credential: credentialPlaceholder("loops"),
        config: {
          transactionalId: settingPlaceholder("loopsTransactionalId"),
          email: "{{ params.email }}",
          dataVariables: { firstName: "{{ params.firstName }}", source: "{{ params.source }}" },
        },
      },
      {
        id: "alert_team",
        type: "discord.webhook.send",
        typeVersion: 1,
        label: "Alert the team",
        position: { x: 1560, y: 120 },
        credential: credentialPlaceholder("discord"),
        config: {
          embeds: [
            {
              title: "{{ nodes.find_lead.output.found ? 'Returning lead' : 'New lead' }}",
              description: "{{ params.firstName }} ({{ params.email }}) opted in from {{ params.source }}.",
              url: "{{ nodes.find_lead.output.found ? nodes.find_lead.output.page.url : nodes.create_lead.output.url }}",
              color: `{{ nodes.find_lead.output.found ? ${RETURNING_LEAD_COLOR} : ${NEW_LEAD_COLOR} }}`,
              fields: [
                { name: "Email", value: "{{ params.email }}", inline: true },
                { name: "Source", value: "{{ params.source }}", inline: true },
              ],
              footer: { text: "Switchyard · Lead opt-in" },
            },
          ],
          mentions: "none",
          wait: true,
        },
      },
    ],
    edges: [
      { id: "start-find_lead", source: "start", sourcePort: "out", target: "find_lead", targetPort: "in" },
      { id: "find_lead-is_known", source: "find_lead", sourcePort: "out", target: "is_known", targetPort: "in" },
      { id: "is_known-false-create_lead", source: "is_known", sourcePort: "false", target: "create_lead", targetPort: "in" },
      { id: "create_lead-lead_ready", source: "create_lead", sourcePort: "out", target: "lead_ready", targetPort: "in" },
      { id: "is_known-true-lead_ready", source: "is_known", sourcePort: "true", target: "lead_ready", targetPort: "in" },
      { id: "lead_ready-send_email", source: "lead_ready", sourcePort: "out", target: "send_email", targetPort: "in" },
      { id: "send_email-alert_team", source: "send_email", sourcePort: "out", target: "alert_team", targetPort: "in" },
    ],
  },
};
