/**
 * The benchmark data set as set-based SQL (generate_series; seeded random so every run is alike).
 * Rows have the shape the service writes (see the entities and migrations/): numbering per council,
 * versions that count the transitions behind each status, deadlines and acceptance instants that fit
 * the status, escalation levels that fit the days overdue, progress reports, approved extensions
 * and the notices the workflow sends. `passwordHash` (an SQL literal) is the argon2 hash every person
 * signs in with.
 */
export function seedSql(
  o: { councils: number; resolutions: number; orgs: number; peoplePerOrg: number; meetingsPerCouncil: number },
  passwordHash: string,
): string {
  const perCouncil = Math.floor(o.resolutions / o.councils);
  return `
SELECT setseed(0.2024);

CREATE TEMP TABLE b_org AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${o.orgs}) n;
INSERT INTO organizations (id, name, kind, created_at, updated_at)
SELECT id, format('%s%s', (ARRAY['区委办','街道工委','管委会','区政府办','发改局','住建局','城管局','国资公司'])[1 + n % 8], n),
       (ARRAY['party_committee','party_branch','working_committee','subdistrict_office','management_committee','government','company','other'])[1 + n % 8],
       now() - interval '400 days', now() - interval '400 days'
  FROM b_org;

-- Person k = 1 leads the organization; 2 and 3 hold council roles; 4.. are the people who handle items.
CREATE TEMP TABLE b_person AS SELECT o.n AS org_n, k, o.id AS org_id, gen_random_uuid() AS id FROM b_org o CROSS JOIN generate_series(1, ${o.peoplePerOrg}) k;
INSERT INTO people (id, username, password_hash, name, organization_id, title, email, phone, created_at, updated_at)
SELECT id, format('u%s_%s', org_n, k), ${passwordHash}, format('人员%s-%s', org_n, k), org_id, CASE k WHEN 1 THEN '主任' ELSE '科员' END,
       format('u%s_%s@bench.example', org_n, k), format('139%s', lpad((org_n * 100 + k)::text, 8, '0')),
       now() - interval '400 days', now() - interval '400 days'
  FROM b_person;
UPDATE organizations o SET leader_id = p.id FROM b_person p WHERE p.org_id = o.id AND p.k = 1;

CREATE TEMP TABLE b_council AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${o.councils}) n;
INSERT INTO councils (id, name, description, timezone, calendar, policy, resolution_seq, created_at, updated_at)
SELECT id, format('联席会议%s', n), '基准测试用联席会议', 'Asia/Shanghai', 'cn',
       CASE WHEN n % 4 = 0 THEN '{"overrides":{"urgent":{"warningWindow":"1wd"}}}' ELSE '{}' END::jsonb,
       ${perCouncil}, now() - interval '400 days', now() - interval '400 days'
  FROM b_council;
-- Five member organizations each, overlapping with the neighbouring councils (joint councils share members).
CREATE TEMP TABLE b_member AS
SELECT c.n AS council_n, c.id AS council_id, j AS pos, o.id AS org_id
  FROM b_council c CROSS JOIN generate_series(1, 5) j JOIN b_org o ON o.n = ((c.n - 1) * 3 + j - 1) % ${o.orgs} + 1;
INSERT INTO council_members (council_id, organization_id) SELECT council_id, org_id FROM b_member;
INSERT INTO council_roles (council_id, person_id, role)
SELECT m.council_id, p.id, r.role
  FROM b_member m JOIN b_person p ON p.org_id = m.org_id
  JOIN (VALUES (1, 1, 'chair'), (1, 2, 'secretary'), (2, 2, 'secretary'), (1, 3, 'supervisor'), (2, 3, 'supervisor')) r(pos, k, role) ON r.pos = m.pos AND r.k = p.k;

CREATE TEMP TABLE b_meeting AS
SELECT c.n AS council_n, c.id AS council_id, m AS seq, gen_random_uuid() AS id,
       date_trunc('day', now()) - make_interval(days => 365 - (m - 1) * (330 / ${o.meetingsPerCouncil})) + make_interval(hours => 1 + c.n % 8) AS held_at
  FROM b_council c CROSS JOIN generate_series(1, ${o.meetingsPerCouncil}) m;
INSERT INTO meetings (id, council_id, title, kind, held_at, location, attendee_ids, minutes, created_at, updated_at)
SELECT mt.id, mt.council_id, format('第%s次联席会议', mt.seq), CASE WHEN mt.seq % 4 = 0 THEN 'ad_hoc' ELSE 'regular' END, mt.held_at, '区行政中心3楼会议室',
       (SELECT array_agg(p.id) FROM b_member m JOIN b_person p ON p.org_id = m.org_id AND p.k = 1 WHERE m.council_id = mt.council_id),
       '会议纪要（基准数据）', mt.held_at, mt.held_at
  FROM b_meeting mt;

-- Resolutions: ${perCouncil} per council, numbered in meeting order. Each draws its fate from u1..u7;
-- deadlines passed long ago are mostly closed, a realistic share stays open and overdue.
CREATE TEMP TABLE b_res AS
SELECT *, CASE
         WHEN u1 < 0.04 THEN 'registered'
         WHEN due_at < now() THEN CASE WHEN u2 < 0.88 THEN 'closed' WHEN u2 < 0.92 THEN 'cancelled' WHEN u2 < 0.93 THEN 'assigned' WHEN u2 < 0.99 THEN 'in_progress' ELSE 'completion_requested' END
         ELSE CASE WHEN u2 < 0.13 THEN 'closed' WHEN u2 < 0.15 THEN 'cancelled' WHEN u2 < 0.23 THEN 'assigned' WHEN u2 < 0.93 THEN 'in_progress' ELSE 'completion_requested' END
       END AS status
  FROM (
    SELECT x.*, x.assigned_at + make_interval(days => 15 + floor(x.u3 * 150)::int) AS due_at
      FROM (
        SELECT c.n AS council_n, c.id AS council_id, i AS number, gen_random_uuid() AS id, mt.id AS meeting_id,
               mt.held_at + make_interval(secs => i) AS created_at,
               mt.held_at + make_interval(days => 1 + (i % 4)) AS assigned_at,
               random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS u5, random() AS u6, random() AS u7
          FROM b_council c CROSS JOIN generate_series(1, ${perCouncil}) i
          JOIN b_meeting mt ON mt.council_id = c.id AND mt.seq = 1 + (i - 1) * ${o.meetingsPerCouncil} / ${perCouncil}
      ) x
  ) y;

INSERT INTO resolutions (id, created_at, updated_at, council_id, meeting_id, number, title, description, category, priority, status,
  lead_organization_id, co_organization_ids, owner_id, due_at, original_due_at, progress, escalation_level, extension_count,
  assigned_at, accepted_at, last_progress_at, completion_requested_at, completion_summary, completion_evidence, closed_at,
  verification_rating, cancel_reason, version)
SELECT r.id, r.created_at, greatest(r.created_at, t.accepted_at, t.last_progress_at, t.closed_at, t.completion_requested_at),
  r.council_id, r.meeting_id, r.number,
  format('关于推进%s工作的第%s项决定', (ARRAY['营商环境','城市更新','民生保障','安全生产','招商引资','基层治理'])[1 + r.number % 6], r.number),
  repeat('落实会议精神，明确责任分工，按期办结。', 1 + r.number % 5),
  (ARRAY['营商环境','城市更新','民生保障','安全生产','招商引资','基层治理'])[1 + r.number % 6],
  CASE WHEN r.u7 < 0.7 THEN 'normal' WHEN r.u7 < 0.92 THEN 'high' ELSE 'urgent' END,
  r.status,
  lead.org_id, CASE WHEN r.u5 > 0.8 THEN ARRAY[co1.org_id, co2.org_id] WHEN r.u5 > 0.45 THEN ARRAY[co1.org_id] ELSE '{}' END::uuid[],
  owner.id, t.due_at, t.due_at - make_interval(days => 14 * t.ext),
  CASE r.status WHEN 'in_progress' THEN floor(r.u4 * 90) WHEN 'completion_requested' THEN 95 WHEN 'closed' THEN 100 ELSE 0 END,
  CASE WHEN r.status IN ('assigned','in_progress','completion_requested') AND t.due_at < now()
       THEN CASE WHEN now() - t.due_at > interval '10 days' THEN 3 WHEN now() - t.due_at > interval '4 days' THEN 2 ELSE 1 END ELSE 0 END,
  t.ext, t.assigned_at, t.accepted_at, t.last_progress_at, t.completion_requested_at,
  CASE WHEN t.completion_requested_at IS NOT NULL THEN '已按要求办结，材料已归档。' END,
  CASE WHEN t.completion_requested_at IS NOT NULL AND r.u6 < 0.5 THEN '见附件：办结报告' END,
  t.closed_at, CASE WHEN r.status = 'closed' THEN CASE WHEN r.u6 < 0.85 THEN 'satisfactory' ELSE 'needs_improvement' END END,
  CASE WHEN r.status = 'cancelled' THEN '情况变化，会议决定撤销' END,
  CASE r.status WHEN 'registered' THEN 1 WHEN 'assigned' THEN 2 WHEN 'in_progress' THEN 3 + (t.last_progress_at IS NOT NULL)::int
                WHEN 'completion_requested' THEN 5 WHEN 'closed' THEN 6 ELSE 3 END + 2 * t.ext
  FROM b_res r
  JOIN b_member lead ON lead.council_id = r.council_id AND lead.pos = 1 + floor(r.u5 * 5)::int
  JOIN b_member co1 ON co1.council_id = r.council_id AND co1.pos = lead.pos % 5 + 1
  JOIN b_member co2 ON co2.council_id = r.council_id AND co2.pos = (lead.pos + 1) % 5 + 1
  JOIN b_person owner ON owner.org_id = lead.org_id AND owner.k = 4 + floor(r.u6 * ${o.peoplePerOrg - 3})::int
  CROSS JOIN LATERAL (
    SELECT CASE WHEN r.status = 'registered' THEN NULL ELSE r.due_at END AS due_at,
           CASE WHEN r.status = 'registered' THEN NULL ELSE r.assigned_at END AS assigned_at,
           CASE WHEN r.status IN ('in_progress','completion_requested','closed') THEN r.assigned_at + interval '20 hours' END AS accepted_at,
           CASE WHEN r.status IN ('in_progress','completion_requested','closed') AND r.u4 > 0.15
                THEN r.assigned_at + (least(now(), r.due_at) - r.assigned_at) * (0.2 + 0.75 * r.u4) END AS last_progress_at,
           CASE WHEN r.status = 'completion_requested' THEN least(now() - interval '1 hour', r.due_at - interval '1 day')
                WHEN r.status = 'closed' THEN least(now(), r.due_at + make_interval(days => CASE WHEN r.u3 < 0.1 THEN 5 ELSE 0 END)) - interval '3 days' END AS completion_requested_at,
           CASE WHEN r.status = 'closed' THEN least(now(), r.due_at + make_interval(days => CASE WHEN r.u3 < 0.1 THEN 5 ELSE 0 END)) - interval '1 day' END AS closed_at,
           CASE WHEN r.status <> 'registered' AND r.u3 > 0.92 THEN 1 ELSE 0 END AS ext
  ) t
  -- Registered items have no handler yet.
  ORDER BY r.council_id, r.number;
UPDATE resolutions SET lead_organization_id = NULL, co_organization_ids = '{}', owner_id = NULL WHERE status = 'registered';
-- The worker settles each weekly report cycle (Friday 17:00 by default): the last one is behind every item in progress.
UPDATE resolutions SET last_report_cycle_at = f.at
  FROM (SELECT CASE WHEN w AT TIME ZONE 'Asia/Shanghai' > now() THEN (w - interval '7 days') AT TIME ZONE 'Asia/Shanghai' ELSE w AT TIME ZONE 'Asia/Shanghai' END AS at
          FROM (SELECT date_trunc('week', now() AT TIME ZONE 'Asia/Shanghai') + interval '4 days 17 hours' AS w) x) f
 WHERE status = 'in_progress' AND accepted_at < f.at;
-- Some items are split into parts (分解): every 40th is a child of the one before it.
UPDATE resolutions c SET parent_id = p.id FROM resolutions p WHERE c.number % 40 = 0 AND p.council_id = c.council_id AND p.number = c.number - 1;

INSERT INTO progress_reports (resolution_id, author_id, note, percent, reported_at)
SELECT id, owner_id, '按计划推进中', least(progress, 99), last_progress_at FROM resolutions WHERE last_progress_at IS NOT NULL;
INSERT INTO extension_requests (resolution_id, requested_by_id, requested_due_at, previous_due_at, reason, status, decided_by_id, decided_at, created_at, updated_at)
SELECT r.id, r.owner_id, r.due_at, r.original_due_at, '需协调征拆，申请延期两周', 'approved', cr.person_id, r.original_due_at - interval '5 days',
       r.original_due_at - interval '6 days', r.original_due_at - interval '5 days'
  FROM resolutions r JOIN LATERAL (SELECT person_id FROM council_roles WHERE council_id = r.council_id AND role = 'supervisor' LIMIT 1) cr ON true
 WHERE r.extension_count > 0;
INSERT INTO notifications (person_id, source_key, kind, council_id, resolution_id, title, body, created_at, read_at)
SELECT owner_id, format('event:%s:2:assigned', id), 'assigned', council_id, id, format('新交办事项 第%s号', number), title, assigned_at,
       CASE WHEN status <> 'assigned' THEN accepted_at END
  FROM resolutions WHERE owner_id IS NOT NULL;
`;
}
