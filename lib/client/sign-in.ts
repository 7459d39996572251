import { ApiRequestError, apiFetch } from "./api";

const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account.",
  OAuthAccountNotLinked: "An account with this email already exists. Sign in with your password.",
  AccessDenied: "Access was denied.",
};

export function describeAuthError(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  return ERROR_MESSAGES[code] ?? (code.length < 200 && !/^[A-Z][A-Za-z]+$/.test(code) ? code : "Sign-in failed. Please try again.");
}

/**
 * Signs in through next-auth's credentials callback without a page reload. next-auth
 * answers `{ url }`, whose `error` parameter tells a failure; the rate limiter answers 429
 * with the error envelope before next-auth sees the request.
 */
export async function signInWithPassword(email: string, password: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const { csrfToken } = await apiFetch<{ csrfToken: string }>("/api/auth/csrf");
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({ email, password, csrfToken, json: "true", callbackUrl: window.location.origin + "/" }),
    credentials: "same-origin",
  });
  if (res.status === 429) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { ok: false, message: body?.error?.message ?? "Too many attempts. Please wait and try again." };
  }
  const body = (await res.json().catch(() => null)) as { url?: string } | null;
  const error = body?.url ? new URL(body.url, window.location.origin).searchParams.get("error") : "CredentialsSignin";
  if (!res.ok || error) return { ok: false, message: describeAuthError(error ?? "CredentialsSignin") ?? "Sign-in failed." };
  return { ok: true };
}

export async function signOut(): Promise<void> {
  const { csrfToken } = await apiFetch<{ csrfToken: string }>("/api/auth/csrf");
  const res = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, json: "true" }),
    credentials: "same-origin",
  });
  if (!res.ok) throw new ApiRequestError(res.status, "sign_out_failed", "Could not sign out.", null);
}

/** Starts an OAuth sign-in (GitHub, Google): next-auth answers the provider's URL to go to. */
export async function signInWithProvider(provider: string, callbackUrl = "/"): Promise<void> {
  const { csrfToken } = await apiFetch<{ csrfToken: string }>("/api/auth/csrf");
  const res = await fetch(`/api/auth/signin/${encodeURIComponent(provider)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
    credentials: "same-origin",
  });
  const body = (await res.json().catch(() => null)) as { url?: string } | null;
  window.location.href = body?.url ?? "/sign-in?error=OAuthSignin";
}
