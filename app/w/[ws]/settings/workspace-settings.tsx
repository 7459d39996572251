"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { formText } from "@/lib/client/form";

interface Props {
  workspace: { id: string; slug: string; name: string; role: string; createdAt: string; runRetentionDays: number };
  permissions: Record<string, boolean>;
  userId: string;
  others: { userId: string; label: string }[];
  soleOwner: boolean;
}

export function WorkspaceSettings({ workspace, permissions, userId, others, soleOwner }: Props) {
  const router = useRouter();
  const api = `/api/w/${encodeURIComponent(workspace.slug)}`;
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string }>();
  const [nameError, setNameError] = useState<string>();
  const [retentionError, setRetentionError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  async function run(key: string, work: () => Promise<void>) {
    setBusy(key);
    setMessage(undefined);
    setNameError(undefined);
    try {
      await work();
    } catch (err) {
      if (err instanceof ApiRequestError) {
        setNameError(err.fieldErrors().name);
        setRetentionError(err.fieldErrors().runRetentionDays);
      }
      setMessage({ tone: "error", text: errorMessage(err) });
    }
    setBusy(undefined);
  }

  return (
    <>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Card>
        <CardHeader title="General" description={`Address: /w/${workspace.slug} · your role: ${workspace.role}`} />
        <CardBody>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              const name = formText(new FormData(e.currentTarget), "name");
              void run("rename", async () => {
                await apiFetch(api, { method: "PATCH", body: { name } });
                setMessage({ tone: "success", text: "Workspace renamed." });
                router.refresh();
              });
            }}
          >
            <div className="min-w-64 flex-1">
              <Field
                label="Workspace name"
                error={nameError}
                hint={permissions["workspace:update"] ? undefined : "Only owners and admins can rename the workspace."}
              >
                {(p) => (
                  <Input {...p} name="name" defaultValue={workspace.name} maxLength={80} disabled={!permissions["workspace:update"]} />
                )}
              </Field>
            </div>
            {permissions["workspace:update"] ? (
              <Button type="submit" busy={busy === "rename"} className={nameError ? "mb-6" : undefined}>
                Save
              </Button>
            ) : null}
          </form>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Run history"
          description="Finished runs older than this are deleted with their steps, logs and artifacts, in the background."
        />
        <CardBody>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              const text = formText(new FormData(e.currentTarget), "runRetentionDays").trim();
              const days = Number(text);
              if (text === "" || !Number.isInteger(days) || days < 0 || days > 3650) {
                setRetentionError("Enter a whole number of days from 0 to 3650.");
                return;
              }
              setRetentionError(undefined);
              void run("retention", async () => {
                await apiFetch(api, { method: "PATCH", body: { runRetentionDays: days } });
                setMessage({ tone: "success", text: days === 0 ? "Runs are kept forever." : `Runs are kept for ${days} days.` });
                router.refresh();
              });
            }}
          >
            <div className="min-w-64 flex-1">
              <Field
                label="Keep runs for (days)"
                error={retentionError}
                hint={
                  permissions["workspace:update"]
                    ? "0 keeps runs forever. Running and waiting runs are never deleted."
                    : "Only owners and admins can change how long runs are kept."
                }
              >
                {(p) => (
                  <Input
                    {...p}
                    name="runRetentionDays"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={3650}
                    step={1}
                    defaultValue={workspace.runRetentionDays}
                    disabled={!permissions["workspace:update"]}
                  />
                )}
              </Field>
            </div>
            {permissions["workspace:update"] ? (
              <Button type="submit" busy={busy === "retention"} className="mb-6">
                Save
              </Button>
            ) : null}
          </form>
        </CardBody>
      </Card>

      {permissions["workspace:own"] ? (
        <Card className="ring-red-200">
          <CardHeader title="Owner actions" description="These cannot be undone by anyone but the new owner." />
          <CardBody className="space-y-6">
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                const to = formText(new FormData(e.currentTarget), "userId");
                if (!to || !window.confirm("Make this member the owner? You will become an admin.")) return;
                void run("transfer", async () => {
                  await apiFetch(`${api}/transfer-ownership`, { body: { userId: to } });
                  setMessage({ tone: "success", text: "Ownership transferred. You are now an admin." });
                  router.refresh();
                });
              }}
            >
              <div className="min-w-64 flex-1">
                <Field label="Transfer ownership to" hint={others.length === 0 ? "Invite someone first." : undefined}>
                  {(p) => (
                    <Select {...p} name="userId" disabled={others.length === 0} defaultValue="">
                      <option value="" disabled>
                        Choose a member
                      </option>
                      {others.map((o) => (
                        <option key={o.userId} value={o.userId}>
                          {o.label}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
              <Button
                type="submit"
                variant="secondary"
                busy={busy === "transfer"}
                disabled={others.length === 0}
                className={others.length === 0 ? "mb-6" : undefined}
              >
                Transfer
              </Button>
            </form>
            <div className="flex flex-wrap items-center justify-between gap-4 rounded-md bg-red-50 px-4 py-3">
              <div>
                <p className="text-sm font-medium text-red-900">Delete this workspace</p>
                <p className="text-xs text-red-700">Deletes every flow, version, credential, variable and run in it.</p>
              </div>
              <Button
                variant="danger"
                busy={busy === "delete"}
                onClick={() => {
                  const typed = window.prompt(`Type the workspace name (${workspace.name}) to delete it.`);
                  if (typed !== workspace.name) return;
                  void run("delete", async () => {
                    await apiFetch(api, { method: "DELETE" });
                    window.location.href = "/";
                  });
                }}
              >
                Delete workspace
              </Button>
            </div>
          </CardBody>
        </Card>
      ) : null}

      <Card>
        <CardHeader
          title="Leave workspace"
          description={
            soleOwner
              ? "You are the only owner: transfer ownership or delete the workspace instead."
              : "You lose access until someone invites you again."
          }
        />
        <CardBody className="flex items-center justify-between gap-4">
          <Badge tone="neutral">{workspace.role}</Badge>
          <Button
            variant="secondary"
            disabled={soleOwner}
            busy={busy === "leave"}
            onClick={() => {
              if (!window.confirm(`Leave ${workspace.name}?`)) return;
              void run("leave", async () => {
                await apiFetch(`${api}/members/${encodeURIComponent(userId)}`, { method: "DELETE" });
                window.location.href = "/";
              });
            }}
          >
            Leave workspace
          </Button>
        </CardBody>
      </Card>
    </>
  );
}
