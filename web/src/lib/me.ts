import { reactive } from 'vue';
import { callJson } from '../api/client';
import { session, type SessionUser } from '../api/session';
import type { Page, Notification } from '../api/types';

/** The signed-in person (refreshed from GET /auth/me) and the inbox's unread count, shared by every page. */
export const me = reactive<{ user: SessionUser | null; unread: number }>({ user: session.user(), unread: 0 });

export async function refreshMe(): Promise<void> {
  const user = await callJson<SessionUser>('GET', '/auth/me');
  session.updateUser(user);
  me.user = user;
}

/** Counts up to 200 unread messages (the header shows 99+ beyond 99). */
export async function refreshUnread(): Promise<void> {
  const page = await callJson<Page<Notification>>('GET', '/notifications?unread=true&limit=200');
  me.unread = page.items.length;
}

/** Supervises, chairs, or administers something: sees the board and the supervision pages. */
export function isSupervisor(user: SessionUser | null): boolean {
  if (!user) return false;
  return Boolean(user.isAdmin) || (user.councilRoles ?? []).some((c) => c.roles.some((r) => r === 'supervisor' || r === 'chair'));
}
