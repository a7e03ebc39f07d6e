/**
 * The signed-in person's token and profile, kept in localStorage: a cadre who opens several links
 * from DingTalk or WeCom stays signed in across tabs. Signing out (POST /auth/logout) ends the token
 * on the server too, so a copy left behind on a shared computer stops working.
 */
export interface SessionUser {
  id: string;
  username: string;
  name: string;
  isAdmin?: boolean;
  organizationId?: string;
  councilRoles?: { councilId: string; roles: string[] }[];
  ledOrganizationIds?: string[];
}

const KEY = 'duban.session';

interface Stored {
  token: string;
  user: SessionUser;
}

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

export const session = {
  token(): string | null {
    return read()?.token ?? null;
  },
  user(): SessionUser | null {
    return read()?.user ?? null;
  },
  save(token: string, user: SessionUser): void {
    localStorage.setItem(KEY, JSON.stringify({ token, user }));
  },
  updateUser(user: SessionUser): void {
    const current = read();
    if (current) localStorage.setItem(KEY, JSON.stringify({ ...current, user }));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
