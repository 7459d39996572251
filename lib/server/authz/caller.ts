import type { Db } from "@/lib/server/db/client";

/** Who is asking: a signed-in user (browser session) or the owner of a personal API token. */
export interface Caller {
  userId: string;
  email: string;
  name: string | null;
  via: "session" | "token";
  tokenId?: string;
}

/** What every authorization check needs: the database and the authenticated caller. */
export interface AuthzContext {
  db: Db;
  caller: Caller;
}
