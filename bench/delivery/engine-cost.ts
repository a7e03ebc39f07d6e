/**
 * What the outbox costs the reminder engine (issue 8, "Speed"): actions per second of bench:engine's
 * "all at one instant" phase with the same two worker processes, as today (each action tells its owner:
 * the inbox only) and with delivery (each action tells the owner and the lead unit's leader, both with
 * e-mail on, and the council has a DingTalk robot), in alternating rounds; the ratio is the median of the
 * rounds' ratios. With delivery every action also writes its delivery rows in its transaction; during the
 * burst they wait for the sweep that runs when it is over (sending runs at a trickle meanwhile), and the
 * bench then waits for every e-mail (an SMTP sink in this process) and reports how long that took.
 *
 *   npm run bench:delivery:engine        (BENCH_ACTIONS per phase, default 20,000; BENCH_ROUNDS, default 3;
 *                                         BENCH_GAP_SECONDS between phases, default 90; BENCH_WORKER_NODE_OPTIONS
 *                                         reaches the two workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-process';
import { BURST_POLICY, phaseFigures, waitUntilSettled, type PhaseFigures } from '../reminder-engine/burst';
import { createCouncils, loadResolutions, openBench, type Bench, type BenchCouncil } from '../reminder-engine/fixtures';
import { finish, medianOf, percent, rate } from '../support/report';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WITH_DELIVERY_POLICY = { ...BURST_POLICY, escalation: [{ after: 'PT0S', level: 1, notify: ['owner', 'leadLeader'] }] };

async function sinks() {
  let mails = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => {
        mails += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  let robotMessages = 0;
  const robot = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      robotMessages += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    robotUrl: `http://127.0.0.1:${(robot.address() as AddressInfo).port}/robot/send?access_token=bench`,
    counts: () => ({ mails, robotMessages }),
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      robot.closeAllConnections();
      await new Promise<void>((resolve) => robot.close(() => resolve()));
    },
  };
}

/** Owners and leaders read e-mail; each council has a DingTalk robot (the default kinds include `overdue`). */
async function turnDeliveryOn(bench: Bench, councils: BenchCouncil[], robotUrl: string): Promise<void> {
  const people = councils.flatMap((c) => [c.ownerId, c.leaderId]);
  const preferences = {
    channels: { inApp: true, email: true, dingtalk: true, wecom: true, feishu: true, webhook: true },
    quietHours: null,
  };
  await bench.db.query(
    `UPDATE people SET email = username || '@bench.example.gov.cn', phone = '13800000000', preferences = $2 WHERE id = ANY($1::uuid[])`,
    [people, JSON.stringify(preferences)],
  );
  for (const c of councils)
    await bench.db.query(
      `INSERT INTO council_channels (council_id, type, name, url, secret) VALUES ($1, 'dingtalk', '督办群', $2, 'SECbench-secret')`,
      [c.id, robotUrl],
    );
}

interface Round {
  today: BenchCouncil[];
  withDelivery: BenchCouncil[];
  todayAt: number;
  deliveryAt: number;
}

async function main(): Promise<void> {
  const peer = await sinks();
  const bench = await openBench();
  const workers: WorkerProcess[] = [];
  try {
    const lead = Number(process.env.BENCH_LEAD_SECONDS ?? 60) * 1000;
    const gap = Number(process.env.BENCH_GAP_SECONDS ?? 90) * 1000;
    // Rounds of (as today, with delivery), each phase at its own instant `gap` after the previous one: a
    // noisy moment of the machine (autovacuum, another process) hurts one round, and the median ratio holds.
    const start = Date.now() + lead;
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const today = await createCouncils(bench.db, 10, BURST_POLICY);
      const withDelivery = await createCouncils(bench.db, 10, WITH_DELIVERY_POLICY);
      await turnDeliveryOn(bench, withDelivery, peer.robotUrl);
      rounds.push({ today, withDelivery, todayAt: start + 2 * r * gap, deliveryAt: start + (2 * r + 1) * gap });
    }
    const subject = (dueAt: Date) => ({
      status: 'in_progress' as const,
      priority: 'normal' as const,
      dueAt,
      assignedAt: new Date(),
      acceptedAt: new Date(),
      lastProgressAt: null,
      lastReportCycleAt: null,
    });
    for (const round of rounds) {
      await loadResolutions(bench, round.today, ACTIONS, () => subject(new Date(round.todayAt)));
      await loadResolutions(bench, round.withDelivery, ACTIONS, () => subject(new Date(round.deliveryAt)));
    }
    console.log(`loaded ${2 * ROUNDS * ACTIONS} items; the first phase starts in ${((start - Date.now()) / 1000).toFixed(0)} s`);
    if (Date.now() > start - 10_000) throw new Error('loading took longer than BENCH_LEAD_SECONDS allows; raise it');

    const env = {
      ...bench.workerEnv,
      SMTP_URL: peer.smtpUrl,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      PUBLIC_URL: 'https://duban.example.gov.cn',
      NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? '',
    };
    workers.push(...(await Promise.all([0, 1].map((i) => startWorkerProcess(env, `engine-${i}`)))));
    const measured: { plain: PhaseFigures; delivered: PhaseFigures; mailSeconds: number | null }[] = [];
    for (const [r, round] of rounds.entries()) {
      const todaySettled = await waitUntilSettled(bench, round.today, round.todayAt);
      if (todaySettled > round.deliveryAt) throw new Error('a phase ran into the next; raise BENCH_GAP_SECONDS');
      const plain = await phaseFigures(bench, round.today, ACTIONS, round.todayAt, todaySettled);
      console.log(`round ${r + 1}, as today (owner, inbox only): ${JSON.stringify(plain)}`);
      const mailsBefore = peer.counts().mails;
      const deliverySettled = await waitUntilSettled(bench, round.withDelivery, round.deliveryAt);
      const delivered = await phaseFigures(bench, round.withDelivery, ACTIONS, round.deliveryAt, deliverySettled);
      console.log(`round ${r + 1}, with delivery (owner + leader, e-mail + robot): ${JSON.stringify(delivered)}`);
      // The burst's messages were left to the sweep that runs when the burst is over: every e-mail must then
      // arrive, before the next round begins. (Robot messages go at the vendor's rate, one per robot every
      // 3.1 s: they are counted, not awaited.)
      const until = rounds[r + 1]?.todayAt ?? deliverySettled + 300_000;
      let mailSeconds: number | null = null;
      while (Date.now() < until) {
        if (peer.counts().mails - mailsBefore >= 2 * ACTIONS) {
          mailSeconds = (Date.now() - deliverySettled) / 1000;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      console.log(`round ${r + 1}: every e-mail received ${mailSeconds ?? '(not in time)'} s after the burst was carried out`);
      measured.push({ plain, delivered, mailSeconds });
    }
    const [rows] = await bench.db.query<{ email: number; robot: number; sent: number }[]>(
      `SELECT count(*) FILTER (WHERE channel = 'email')::int AS email, count(*) FILTER (WHERE channel = 'dingtalk')::int AS robot,
              count(*) FILTER (WHERE status = 'sent')::int AS sent FROM deliveries`,
    );
    console.log(`deliveries written: ${JSON.stringify(rows)}; received: ${JSON.stringify(peer.counts())}`);
    const ratios = measured.map((m) => m.delivered.perSecond / m.plain.perSecond);
    const share = medianOf(ratios);
    const lost = measured.reduce((n, m) => n + m.plain.lost + m.delivered.lost, 0);
    const duplicated = measured.reduce((n, m) => n + m.plain.duplicated + m.delivered.duplicated, 0);
    const slowestMail = measured.some((m) => m.mailSeconds === null) ? null : Math.max(...measured.map((m) => m.mailSeconds!));
    finish({
      bench: 'delivery-engine-cost',
      command: `BENCH_ACTIONS=${ACTIONS} BENCH_ROUNDS=${ROUNDS} npm run bench:delivery:engine`,
      figures: { actions: ACTIONS, rounds: measured, ratios, deliveries: rows, received: peer.counts() },
      checks: [
        {
          name: `actions/s with two recipients on e-mail + a robot ÷ actions/s as today (${ACTIONS} at one instant each; median of ${ROUNDS} rounds)`,
          measured: `${percent(share)} (rounds: ${measured.map((m, i) => `${rate(m.delivered.perSecond)} ÷ ${rate(m.plain.perSecond)} = ${percent(ratios[i])}`).join('; ')})`,
          target: '≥ 60 %',
          pass: share >= 0.6,
        },
        {
          name: 'delivery rows: two e-mails and one robot message per action',
          measured: `${rows.email} e-mail, ${rows.robot} robot`,
          target: `${2 * ACTIONS * ROUNDS} e-mail, ${ACTIONS * ROUNDS} robot`,
          pass: rows.email === 2 * ACTIONS * ROUNDS && rows.robot === ACTIONS * ROUNDS,
        },
        {
          name: 'e-mails received by the SMTP peer after each burst (each once), slowest round',
          measured: `${peer.counts().mails} in all; slowest round ${slowestMail ?? 'not in time'} s`,
          target: `${2 * ACTIONS * ROUNDS}`,
          pass: peer.counts().mails === 2 * ACTIONS * ROUNDS && slowestMail !== null,
        },
        {
          name: 'lost or duplicated actions (every phase)',
          measured: `${lost} lost, ${duplicated} duplicated`,
          target: '0',
          pass: lost + duplicated === 0,
        },
      ],
    });
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await bench.close();
    await peer.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
