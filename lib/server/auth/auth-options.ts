import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { getConfig } from "@/lib/server/config";
import { getDb } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/http/app-error";
import { serverLogger } from "@/lib/server/http/logger";
import { clientAddress } from "./client-address";
import { loginThrottle } from "./login-throttle";
import { signInWithOAuth, userIdOfOAuthAccount } from "./oauth-accounts";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./session-cookie";
import { verifyCredentials } from "./verify-credentials";

function headersOf(req: { headers?: Record<string, unknown> } | undefined): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(req?.headers ?? {})) if (typeof v === "string") h.set(k, v);
  return h;
}

/**
 * next-auth configuration, built per request from the validated configuration. The
 * credentials provider needs the JWT session strategy (next-auth does not persist sessions
 * for it); the JWT is encrypted with the auth secret and kept in an HttpOnly, SameSite=Lax
 * cookie, Secure behind https. Every request still loads the user, so a deleted account or a
 * removed membership stops working at once.
 */
export function getAuthOptions(): AuthOptions {
  const config = getConfig();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await verifyCredentials(getDb(), loginThrottle(), {
            email: credentials?.email,
            password: credentials?.password,
            address: clientAddress(headersOf(req)),
          });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        } catch (err) {
          // next-auth shows a thrown message as the sign-in error; only ours are meant for people.
          if (err instanceof AppError) throw new Error(err.message);
          throw err;
        }
      },
    }),
  ];
  if (config.oauth.github)
    providers.push(GitHubProvider({ clientId: config.oauth.github.clientId, clientSecret: config.oauth.github.clientSecret }));
  if (config.oauth.google)
    providers.push(GoogleProvider({ clientId: config.oauth.google.clientId, clientSecret: config.oauth.google.clientSecret }));

  return {
    secret: config.authSecret,
    providers,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: config.publicUrl.startsWith("https://"),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      error: (code, metadata) =>
        serverLogger().error("auth error", { code, message: metadata instanceof Error ? metadata.message : undefined }),
      warn: (code) => serverLogger().warn("auth warning", { code }),
      debug: () => {},
    },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (!account || account.provider === "credentials") return true;
        try {
          await signInWithOAuth(
            getDb(),
            {
              provider: account.provider,
              providerAccountId: account.providerAccountId,
              type: account.type,
              email: user.email ?? profile?.email,
              name: user.name ?? profile?.name,
              image: user.image,
              tokens: {
                access_token: account.access_token,
                refresh_token: account.refresh_token,
                expires_at: account.expires_at,
                token_type: account.token_type,
                scope: account.scope,
                id_token: account.id_token,
                session_state: typeof account.session_state === "string" ? account.session_state : undefined,
              },
            },
            { allowSignup: config.allowSignup },
          );
          return true;
        } catch (err) {
          if (err instanceof AppError) return `/sign-in?error=${encodeURIComponent(err.message)}`;
          throw err;
        }
      },
      async jwt({ token, account }) {
        // On an OAuth sign-in `sub` is the provider's id; swap in ours.
        if (account && account.provider !== "credentials") {
          const userId = await userIdOfOAuthAccount(getDb(), account.provider, account.providerAccountId);
          if (!userId) throw new Error("OAuth account not linked");
          token.sub = userId;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
