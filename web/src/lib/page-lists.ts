/**
 * The councils (with members, roles and policy), units and people a page needs for its pickers,
 * loaded fresh on every visit: the administration pages edit these lists, so no session cache.
 * Lists are paged by the API; pickers read up to a few pages (a council's directory is small).
 */
import { reactive } from 'vue';
import { callJson } from '../api/client';
import type { Page } from '../api/types';

export interface CouncilView {
  id: string;
  name: string;
  description?: string | null;
  timezone: string;
  calendar?: string;
  policy?: Record<string, unknown> | null;
  memberOrganizationIds: string[];
  chairId: string | null;
  secretaryIds: string[];
  supervisorIds: string[];
}

export interface OrganizationView {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  leaderId: string | null;
}

export interface PersonView {
  id: string;
  username: string;
  name: string;
  organizationId: string;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  dingtalkUserId?: string | null;
  wecomUserId?: string | null;
  isAdmin?: boolean;
  disabled?: boolean;
  disabledAt?: string | null;
}

/** Every page of a list, up to `maxPages` × 200 rows. */
export async function loadAll<T>(path: string, maxPages = 10): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await callJson<Page<T>>('GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function usePageLists() {
  const state = reactive({
    councils: [] as CouncilView[],
    organizations: [] as OrganizationView[],
    people: [] as PersonView[],
  });
  const orgName = (id: string | null | undefined) => (id ? (state.organizations.find((o) => o.id === id)?.name ?? '—') : '—');
  const personName = (id: string | null | undefined) => (id ? (state.people.find((p) => p.id === id)?.name ?? '—') : '—');
  return {
    state,
    orgName,
    personName,
    async loadCouncils() {
      state.councils = (await callJson<Page<CouncilView>>('GET', '/councils')).items;
    },
    async loadOrganizations() {
      state.organizations = await loadAll<OrganizationView>('/organizations');
    },
    async loadPeople() {
      state.people = await loadAll<PersonView>('/people');
    },
  };
}

const COUNCIL_KEY = 'duban.council';

/** The council last chosen on any page, if it is still one of `councils`; else the first. */
export function rememberedCouncil(councils: { id: string }[], wanted?: unknown): string {
  const ids = councils.map((c) => c.id);
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(COUNCIL_KEY);
  for (const id of [wanted, saved]) if (typeof id === 'string' && ids.includes(id)) return id;
  return ids[0] ?? '';
}

export function rememberCouncil(id: string): void {
  if (id) localStorage.setItem(COUNCIL_KEY, id);
}
