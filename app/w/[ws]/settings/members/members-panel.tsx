"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { CopyIcon } from "@/components/ui/icons";
import { ApiRequestError, apiFetch, errorMessage } from "@/lib/client/api";
import { formText } from "@/lib/client/form";

const ROLES = ["owner", "admin", "editor", "runner", "viewer"] as const;
const RANK: Record<string, number> = { owner: 5, admin: 4, editor: 3, runner: 2, viewer: 1 };
const ROLE_HELP: Record<string, string> = {
  owner: "Everything, including deleting the workspace",
  admin: "Manage members and settings",
  editor: "Create and edit flows, credentials and variables",
  runner: "Run flows and test nodes",
  viewer: "View flows and runs",
};

interface Member {
  userId: string;
  name: string | null;
  email: string;
  role: string;
  joinedAt: string;
}
interface Invitation {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}

export function MembersPanel(props: {
  workspace: string;
  role: string;
  userId: string;
  members: Member[];
  invitations: Invitation[];
  canManage: boolean;
}) {
  const router = useRouter();
  const api = `/api/w/${encodeURIComponent(props.workspace)}`;
  const [error, setError] = useState<string>();
  const [inviteErrors, setInviteErrors] = useState<Record<string, string>>({});
  const [link, setLink] = useState<{ url: string; email: string }>();
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState<string>();

  async function run(key: string, work: () => Promise<void>) {
    setBusy(key);
    setError(undefined);
    try {
      await work();
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(undefined);
  }

  const invitable = ROLES.filter((r) => RANK[r]! <= RANK[props.role]!);

  return (
    <>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {props.canManage ? (
        <Card>
          <CardHeader title="Invite someone" description="They get a single-use link for their email address, valid for 7 days." />
          <CardBody className="space-y-4">
            <form
              className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
              onSubmit={(e) => {
                e.preventDefault();
                const form = e.currentTarget;
                const data = new FormData(form);
                const email = formText(data, "email");
                setInviteErrors({});
                setLink(undefined);
                setCopied(false);
                void run("invite", async () => {
                  try {
                    const res = await apiFetch<{ url: string; invitation: { email: string } }>(`${api}/invitations`, {
                      body: { email, role: data.get("role") },
                    });
                    setLink({ url: res.url, email: res.invitation.email });
                    form.reset();
                  } catch (err) {
                    if (err instanceof ApiRequestError) setInviteErrors(err.fieldErrors());
                    throw err;
                  }
                });
              }}
            >
              <Field label="Email" error={inviteErrors.email}>
                {(p) => <Input {...p} name="email" type="email" placeholder="colleague@company.com" required />}
              </Field>
              <Field label="Role" error={inviteErrors.role}>
                {(p) => (
                  <Select {...p} name="role" defaultValue="editor">
                    {invitable.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Button type="submit" busy={busy === "invite"} className="sm:mt-7">
                Create link
              </Button>
            </form>
            {link ? (
              <Alert tone="success" title={`Invitation link for ${link.email}`}>
                <p>Send this link to them. It is shown only now.</p>
                <div className="mt-2 flex items-center gap-2">
                  <code
                    className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs text-zinc-800 ring-1 ring-emerald-200"
                    data-testid="invitation-link"
                  >
                    {link.url}
                  </code>
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => {
                      void navigator.clipboard?.writeText(link.url).then(() => setCopied(true));
                    }}
                  >
                    <CopyIcon width={14} height={14} /> {copied ? "Copied" : "Copy"}
                  </Button>
                </div>
              </Alert>
            ) : null}
          </CardBody>
        </Card>
      ) : null}

      <Card>
        <CardHeader
          title="Members"
          description={`${props.members.length} ${props.members.length === 1 ? "person" : "people"} in this workspace.`}
        />
        <ul role="list" className="divide-y divide-zinc-100">
          {props.members.map((m) => {
            const self = m.userId === props.userId;
            const editable = props.canManage && !self && (m.role !== "owner" || props.role === "owner");
            return (
              <li key={m.userId} className="flex flex-wrap items-center gap-4 px-6 py-4">
                <span
                  className="flex size-9 items-center justify-center rounded-full bg-zinc-100 text-sm font-medium text-zinc-600"
                  aria-hidden
                >
                  {(m.name ?? m.email).slice(0, 1).toUpperCase()}
                </span>
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-zinc-900">
                    {m.name ?? m.email} {self ? <span className="text-zinc-400">(you)</span> : null}
                  </p>
                  <p className="truncate text-xs text-zinc-500">{m.email}</p>
                </div>
                {editable ? (
                  <>
                    <label className="sr-only" htmlFor={`role-${m.userId}`}>
                      Role of {m.name ?? m.email}
                    </label>
                    <Select
                      id={`role-${m.userId}`}
                      className="w-36"
                      value={m.role}
                      disabled={busy === m.userId}
                      title={ROLE_HELP[m.role]}
                      onChange={(e) => {
                        const role = e.target.value;
                        void run(m.userId, () =>
                          apiFetch(`${api}/members/${encodeURIComponent(m.userId)}`, { method: "PATCH", body: { role } }),
                        );
                      }}
                    >
                      {ROLES.filter((r) => r !== "owner" || props.role === "owner").map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </Select>
                    <Button
                      variant="ghost"
                      size="sm"
                      busy={busy === `remove-${m.userId}`}
                      onClick={() => {
                        if (!window.confirm(`Remove ${m.name ?? m.email} from this workspace?`)) return;
                        void run(`remove-${m.userId}`, () =>
                          apiFetch(`${api}/members/${encodeURIComponent(m.userId)}`, { method: "DELETE" }),
                        );
                      }}
                    >
                      Remove
                    </Button>
                  </>
                ) : (
                  <Badge tone={m.role === "owner" ? "brand" : "neutral"}>{m.role}</Badge>
                )}
              </li>
            );
          })}
        </ul>
      </Card>

      {props.canManage && props.invitations.length > 0 ? (
        <Card>
          <CardHeader title="Pending invitations" />
          <ul role="list" className="divide-y divide-zinc-100">
            {props.invitations.map((i) => (
              <li key={i.id} className="flex items-center gap-4 px-6 py-3">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm text-zinc-900">{i.email}</p>
                  <p className="text-xs text-zinc-500">
                    {i.role} · expires {new Date(i.expiresAt).toISOString().slice(0, 10)}
                  </p>
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  busy={busy === i.id}
                  onClick={() => void run(i.id, () => apiFetch(`${api}/invitations/${encodeURIComponent(i.id)}`, { method: "DELETE" }))}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
