import { withClient } from './dataset';

/** One council of the data set and the people the benchmarks act as. */
export interface CouncilFixture {
  id: string;
  supervisor: { id: string; username: string };
  secretary: { id: string; username: string };
  /** The council's latest meeting (imports go there). */
  meetingId: string;
}

export async function loadCouncils(url: string): Promise<CouncilFixture[]> {
  const { rows } = await withClient(url, (c) =>
    c.query(`
      SELECT c.id,
             (SELECT json_build_object('id', p.id, 'username', p.username) FROM council_roles cr JOIN people p ON p.id = cr.person_id
               WHERE cr.council_id = c.id AND cr.role = 'supervisor' ORDER BY p.username LIMIT 1) AS supervisor,
             (SELECT json_build_object('id', p.id, 'username', p.username) FROM council_roles cr JOIN people p ON p.id = cr.person_id
               WHERE cr.council_id = c.id AND cr.role = 'secretary' ORDER BY p.username LIMIT 1) AS secretary,
             (SELECT id FROM meetings WHERE council_id = c.id ORDER BY held_at DESC LIMIT 1) AS meeting_id
        FROM councils c ORDER BY c.name`),
  );
  return rows.map((r) => ({ id: r.id, supervisor: r.supervisor, secretary: r.secretary, meetingId: r.meeting_id }));
}

/** A deterministic shuffle (mulberry32), so every run sends the same sequence. */
export function shuffled<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
