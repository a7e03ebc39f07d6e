/**
 * What the outbox costs the reminder engine (issue 8, "Speed"): actions per second of bench:engine's
 * "all at one instant" phase, twice in the same run with the same two worker processes — as today (each
 * action tells its owner: the inbox only) and with delivery (each action tells the owner and the lead
 * unit's leader, both with e-mail on, and the council has a DingTalk robot). With delivery every action
 * also writes its delivery rows in its transaction and queues them, and the workers send the e-mails
 * (to an SMTP sink in this process) and the robot messages (to a loopback robot) while the engine runs.
 *
 *   npm run bench:delivery:engine        (BENCH_ACTIONS, default 20,000 per phase)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-process';
import { BURST_POLICY, phaseFigures, waitUntilSettled, type PhaseFigures } from '../reminder-engine/burst';
import { createCouncils, loadResolutions, openBench, type Bench, type BenchCouncil } from '../reminder-engine/fixtures';
import { finish, percent, rate } from '../support/report';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 20_000);
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

async function main(): Promise<void> {
  const peer = await sinks();
  const bench = await openBench();
  const workers: WorkerProcess[] = [];
  try {
    const today = await createCouncils(bench.db, 10, BURST_POLICY);
    const withDelivery = await createCouncils(bench.db, 10, WITH_DELIVERY_POLICY);
    await turnDeliveryOn(bench, withDelivery, peer.robotUrl);
    const lead = Number(process.env.BENCH_LEAD_SECONDS ?? 45) * 1000;
    const gap = Number(process.env.BENCH_GAP_SECONDS ?? 90) * 1000;
    const todayAt = Date.now() + lead;
    const deliveryAt = todayAt + gap;
    const subject = (dueAt: Date) => ({
      status: 'in_progress' as const,
      priority: 'normal' as const,
      dueAt,
      assignedAt: new Date(),
      acceptedAt: new Date(),
      lastProgressAt: null,
      lastReportCycleAt: null,
    });
    await loadResolutions(bench, today, ACTIONS, () => subject(new Date(todayAt)));
    await loadResolutions(bench, withDelivery, ACTIONS, () => subject(new Date(deliveryAt)));
    if (Date.now() > todayAt - 10_000) throw new Error('loading took longer than BENCH_LEAD_SECONDS allows; raise it');

    const env = { ...bench.workerEnv, SMTP_URL: peer.smtpUrl, WEBHOOK_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'https://duban.example.gov.cn' };
    workers.push(...(await Promise.all([0, 1].map((i) => startWorkerProcess(env, `engine-${i}`)))));
    const todaySettled = await waitUntilSettled(bench, today, todayAt);
    if (todaySettled > deliveryAt) throw new Error('the first phase ran into the second; raise BENCH_GAP_SECONDS');
    const plain: PhaseFigures = await phaseFigures(bench, today, ACTIONS, todayAt, todaySettled);
    console.log(`as today (owner, inbox only): ${JSON.stringify(plain)}`);
    const deliverySettled = await waitUntilSettled(bench, withDelivery, deliveryAt);
    const delivered: PhaseFigures = await phaseFigures(bench, withDelivery, ACTIONS, deliveryAt, deliverySettled);
    console.log(`with delivery (owner + leader, e-mail + robot): ${JSON.stringify(delivered)}`);
    const [rows] = await bench.db.query<{ email: number; robot: number; sent: number }[]>(
      `SELECT count(*) FILTER (WHERE channel = 'email')::int AS email, count(*) FILTER (WHERE channel = 'dingtalk')::int AS robot,
              count(*) FILTER (WHERE status = 'sent')::int AS sent FROM deliveries`,
    );
    console.log(`deliveries written: ${JSON.stringify(rows)}; received so far: ${JSON.stringify(peer.counts())}`);
    const share = delivered.perSecond / plain.perSecond;
    finish({
      bench: 'delivery-engine-cost',
      command: `BENCH_ACTIONS=${ACTIONS} npm run bench:delivery:engine`,
      figures: { actions: ACTIONS, plain, delivered, deliveries: rows, received: peer.counts() },
      checks: [
        {
          name: `actions/s with two recipients on e-mail + a robot ÷ actions/s as today (${ACTIONS} at one instant each)`,
          measured: `${rate(delivered.perSecond)} ÷ ${rate(plain.perSecond)} = ${percent(share)}`,
          target: '≥ 60 %',
          pass: share >= 0.6,
        },
        {
          name: 'delivery rows: two e-mails and one robot message per action',
          measured: `${rows.email} e-mail, ${rows.robot} robot`,
          target: `${2 * ACTIONS} e-mail, ${ACTIONS} robot`,
          pass: rows.email === 2 * ACTIONS && rows.robot === ACTIONS,
        },
        {
          name: 'lost or duplicated actions (both phases)',
          measured: `${plain.lost + delivered.lost} lost, ${plain.duplicated + delivered.duplicated} duplicated`,
          target: '0',
          pass: plain.lost + delivered.lost + plain.duplicated + delivered.duplicated === 0,
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
