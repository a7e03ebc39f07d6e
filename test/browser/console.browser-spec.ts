import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { DESKTOP, launchChromium, PHONE, screenshot } from '../support/browser';
import { ensureConsoleBuilt } from '../support/console-build';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

// The console in headless Chromium against the real API: a cadre on a phone opens the link from a
// message, signs in, accepts, reports progress and asks for sign-off; a supervisor sees the board,
// opens the item and signs it off. One browser for the file, few page loads (CI time).
jest.setTimeout(120_000);

describe('the web console in a browser', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let item: { id: string; title: string };
  const usernames: Record<string, string> = {};

  beforeAll(async () => {
    const consoleDir = ensureConsoleBuilt();
    t = await startTestApp({ consoleDir });
    w = await buildWorld(t);
    for (const key of ['owner', 'supervisor'] as const) usernames[key] = (await ok(t.admin.get(`/people/${w.ids[key]}`), 200)).username;
    item = await resolutionIn(w, 'assigned', { title: '开放滨江公园并完成验收' });
    // Two items already late on 2 March (the test clock): the board has a red light and an overdue table.
    t.clock.set('2026-02-01T09:00:00+08:00');
    await resolutionIn(w, 'in_progress', { title: '清理项目X的拆迁障碍', dueAt: '2026-02-10' });
    await resolutionIn(w, 'assigned', { title: '设立联合课堂', dueAt: '2026-02-20' });
    t.clock.set('2026-03-02T09:00:00+08:00');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A script error in the console fails the test with its message rather than as a time-out later. */
  const errors: string[] = [];
  function watch(page: Page): Page {
    page.on('pageerror', (e) => errors.push(e.message));

    return page;
  }
  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  async function signIn(page: Page, who: 'owner' | 'supervisor'): Promise<void> {
    await page.locator('input[name=username]').fill(usernames[who]);
    await page.locator('input[name=password]').fill('password-123');
    await page.locator('form button[type=submit]').click();
  }

  /** Runs an action of the item's page: its button, its dialog, submit, and waits for the dialog to close. */
  async function act(page: Page, button: string, fill: (dialog: ReturnType<Page['locator']>) => Promise<void> = async () => {}) {
    await page.getByRole('button', { name: button, exact: true }).first().click();
    const dialog = page.locator('.el-dialog').filter({ hasText: button });
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: '提交' }).click();
    try {
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    } catch (error) {
      await screenshot(page, `failed-${button}.png`);
      throw error;
    }
  }

  it('a cadre on a phone opens the link from a message, signs in, accepts, reports progress and asks for sign-off', async () => {
    const phone: BrowserContext = await browser.newContext(PHONE);
    const page = watch(await phone.newPage());
    try {
      // The link delivery puts in messages (PUBLIC_URL + /resolutions/<id>): sign in first, then that item.
      await page.goto(`${t.baseUrl}/resolutions/${item.id}`);
      await page.waitForURL(/\/login\?redirect=/);
      await signIn(page, 'owner');
      await page.waitForURL(`**/resolutions/${item.id}`);
      await expect(page.getByTestId('resolution-title').textContent()).resolves.toBe(item.title);
      await expect(page.getByTestId('status').first().textContent()).resolves.toBe('待签收');

      // 我的事项 through the phone's tab bar: the item waits for 签收.
      await page.locator('.tabbar').getByText('我的事项').tap();
      const card = page.locator(`[data-resolution="${item.id}"]`);
      await card.waitFor();
      await screenshot(page, 'my-items-phone.png');
      await card.getByRole('button', { name: '签收' }).tap();
      const accept = page.locator('.el-dialog').filter({ hasText: '签收' });
      await accept.getByRole('button', { name: '提交' }).tap();
      await accept.waitFor({ state: 'hidden' });
      await card.locator('[data-testid=status]', { hasText: '办理中' }).waitFor();

      // On the item's page: a progress report (the required note is checked before anything is sent), then sign-off.
      await card.getByRole('link', { name: item.title }).tap();
      await page.getByTestId('actions').waitFor();
      await page.getByRole('button', { name: '报送进展', exact: true }).tap();
      const progress = page.locator('.el-dialog').filter({ hasText: '报送进展' });
      await progress.getByRole('button', { name: '提交' }).tap();
      await expect(progress.locator('[data-error-for="note"]').textContent()).resolves.toContain('说明');
      await progress.locator('[data-field="percent"] input').fill('60');
      await progress.locator('textarea[name="note"]').fill('已完成园区绿化，正在验收');
      await progress.getByRole('button', { name: '提交' }).tap();
      await progress.waitFor({ state: 'hidden' });
      await page.getByText('已完成园区绿化，正在验收').first().waitFor();
      await screenshot(page, 'item-phone.png');

      await act(page, '申请销号', (d) => d.locator('textarea[name="summary"]').fill('公园已开放，验收材料齐全'));
      await page.locator('[data-testid=status]', { hasText: '待审核销号' }).first().waitFor();
      const after = await ok(w.as.owner.get(`/resolutions/${item.id}`), 200);
      expect(after).toMatchObject({ status: 'completion_requested', progress: 60 });

      // 消息: the three assignments arrived in the inbox; the tab bar shows the unread count.
      await expect(page.locator('.tabbar .tab-count').textContent()).resolves.toBe('3');
      await page.locator('.tabbar').getByText('消息').tap();
      await page.locator('[data-notification]').nth(2).waitFor();
      await screenshot(page, 'inbox-phone.png');
    } finally {
      await phone.close();
    }
  });

  it('a supervisor sees the board, opens the item and signs it off; a stale version is reloaded, not lost', async () => {
    const desk = await browser.newContext(DESKTOP);
    const page = watch(await desk.newPage());
    try {
      await page.goto(`${t.baseUrl}/board?councilId=${w.councilId}`);
      await signIn(page, 'supervisor');
      await page.waitForURL(/\/board/);
      const table = page.getByTestId('overdue-table');
      await table.getByText('清理项目X的拆迁障碍').waitFor();
      await expect(page.locator('[data-light="red"] .tile-value').textContent()).resolves.toBe('2');
      // Most days overdue first: due 10 Feb before due 20 Feb.
      const rows = await table.locator('tbody tr').allTextContents();
      expect(rows[0]).toContain('清理项目X的拆迁障碍');
      expect(rows[1]).toContain('设立联合课堂');
      await page.locator('.unit-chart canvas').waitFor();
      // The council ranks people (the default policy): the owner's row, with their three open items.
      const ownerRow = page.getByTestId('by-owner').locator('tr', { hasText: usernames.owner.replace('-', ' ') });
      await expect(ownerRow.locator('td').nth(1).textContent()).resolves.toBe('3');
      await screenshot(page, 'board.png');

      await page.goto(`${t.baseUrl}/resolutions/${item.id}`);
      await page.getByTestId('actions').waitFor();
      // What the API allows this supervisor now, one button each; nothing a cadre would do.
      await expect(page.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).resolves.toEqual(
        expect.arrayContaining(['verify', 'return', 'urge', 'check', 'cancel']),
      );
      await expect(page.locator('[data-action="accept"]').count()).resolves.toBe(0);

      // Meanwhile a colleague records a supervision check (every action bumps the version): the page
      // still holds the old version, so urging from it is refused with 409 and the page reloads the item.
      const current = await ok(w.as.supervisor.get(`/resolutions/${item.id}`), 200);
      await ok(
        w.as.supervisor.post(`/resolutions/${item.id}/checks`, {
          version: current.version,
          checkedAt: '2026-03-02T08:00:00+08:00',
          method: 'site_visit',
          inspectorIds: [w.ids.supervisor],
          findings: '现场查看，公园已开放',
          rating: 'satisfactory',
        }),
      );
      await act(page, '催办', (d) => d.locator('textarea[name="note"]').fill('请于本周内完成'));
      await page.getByText('该事项已被他人修改，已为您重新加载。').waitFor();
      await page.getByText('现场查看，公园已开放').first().waitFor({ state: 'attached' });

      await screenshot(page, 'item.png');
      await act(page, '审核销号', async (d) => {
        await d.locator('textarea[name="note"]').fill('验收合格，同意销号');
      });
      await page.locator('[data-testid=status]', { hasText: '已销号' }).first().waitFor();
      expect((await ok(w.as.supervisor.get(`/resolutions/${item.id}`), 200)).status).toBe('closed');

      // English on request; an item that does not exist (or is not visible) says so instead of a blank page.
      await page.getByTestId('language').click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.locator('.sidebar').getByText('Board').waitFor();
      await page.goto(`${t.baseUrl}/resolutions/00000000-0000-4000-8000-000000000000`);
      await page.getByText('Not found, or you may not see it.').waitFor();

      // The session ends elsewhere (signed out on another device): the next call answers 401, and the
      // console sends the person to sign in, to come back to the page they were on.
      const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('duban.session') ?? '{}') as { token?: string }).token);
      const out = await fetch(`${t.baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(out.status).toBe(204);
      await page.goto(`${t.baseUrl}/inbox`);
      await page.waitForURL(/\/login\?redirect=(%2F|\/)inbox/);
      await page.getByText('Your session ended; please sign in again.').waitFor();
      await signIn(page, 'supervisor');
      await page.waitForURL(/\/inbox$/);
    } finally {
      await desk.close();
    }
  });
});
