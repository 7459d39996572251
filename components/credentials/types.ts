/** What the credentials UI reads from the API (GET /api/w/:ws/credentials): never a secret. */
export interface CredentialView {
  id: string;
  type: string;
  typeTitle: string;
  name: string;
  fields: Record<string, unknown>;
  secrets: Record<string, { set: boolean; hint: string }>;
  rateLimit: { perSecond: number } | null;
  createdBy: { id: string; name: string | null; email: string } | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  usedBy: { id: string; name: string }[];
}

export interface TestResult {
  ok: boolean;
  message: string;
  category?: string;
}
