import { reactive } from 'vue';
import { callJson } from '../api/client';
import type { Council, Organization, Page, Person } from '../api/types';
import { DEFAULT_ZONE } from './format';

/**
 * Names and time zones the pages show beside ids (councils, units, people), loaded once per session
 * and shared. A person not in the first pages is fetched on demand.
 */
export const directory = reactive({
  councils: new Map<string, Council>(),
  organizations: new Map<string, Organization>(),
  people: new Map<string, Person>(),
  loaded: false,
});

let loading: Promise<void> | null = null;
let loadingCouncils: Promise<void> | null = null;

/** Only the councils (names, time zones): one small request, for pages that need nothing else. */
export function loadCouncils(): Promise<void> {
  loadingCouncils ??= callJson<Page<Council>>('GET', '/councils')
    .then((p) => {
      for (const c of p.items) directory.councils.set(c.id, c);
    })
    .catch((error: unknown) => {
      loadingCouncils = null;
      throw error;
    });
  return loadingCouncils;
}

async function allPages<T>(path: string, maxPages = 5): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await callJson<Page<T>>('GET', `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export function loadDirectory(): Promise<void> {
  loading ??= (async () => {
    const [, organizations, people] = await Promise.all([
      loadCouncils(),
      allPages<Organization>('/organizations'),
      allPages<Person>('/people').catch(() => [] as Person[]),
    ]);
    for (const o of organizations) directory.organizations.set(o.id, o);
    for (const p of people) directory.people.set(p.id, p);
    directory.loaded = true;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export function councilZone(councilId: string | null | undefined): string {
  return (councilId && directory.councils.get(councilId)?.timezone) || DEFAULT_ZONE;
}

export function councilName(id: string | null | undefined): string {
  return (id && directory.councils.get(id)?.name) || '—';
}

export function organizationName(id: string | null | undefined): string {
  return (id && directory.organizations.get(id)?.name) || '—';
}

export function personName(id: string | null | undefined): string {
  if (!id) return '—';
  const known = directory.people.get(id);
  if (known) return known.name;
  void fetchPerson(id);
  return '…';
}

const asked = new Set<string>();
async function fetchPerson(id: string): Promise<void> {
  if (asked.has(id)) return;
  asked.add(id);
  try {
    directory.people.set(id, await callJson<Person>('GET', `/people/${id}`));
  } catch {
    directory.people.set(id, { id, name: '—', organizationId: '' });
  }
}
