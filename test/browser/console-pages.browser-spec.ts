import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { DESKTOP, launchChromium, screenshot } from '../support/browser';
import { ensureConsoleBuilt } from '../support/console-build';
import { buildWorld, ok, resolutionIn, type World } from '../support/world';

// The secretary's and the administrator's pages in headless Chromium against the real API: a meeting
// registered with two decisions, an import whose bad row is shown before anything is saved, and a
// council policy whose invalid field is named beside it. One browser, few page loads (CI time).
jest.setTimeout(120_000);

function csv(rows: string[][]): Buffer {
  return Buffer.from(`\ufeff${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
}

describe('the console pages of secretaries and administrators', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    const consoleDir = ensureConsoleBuilt();
    t = await startTestApp({ consoleDir });
    w = await buildWorld(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  async function signedIn(username: string, password: string, path: string): Promise<Page> {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${t.baseUrl}${path}`);
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`**${path}`);
    return page;
  }

  const decisionsOf = async (meetingId: string) =>
    (await ok(w.as.secretary.get(`/resolutions?meetingId=${meetingId}&limit=200`), 200)).items as { title: string }[];

  it('a secretary registers a meeting with two decisions, sees the bad row of an import before saving, then imports', async () => {
    const username = (await ok(t.admin.get(`/people/${w.ids.secretary}`), 200)).username;
    const page = await signedIn(username, 'password-123', '/meetings');
    try {
      await page.getByTestId('new-meeting').click();
      const meetingDialog = page.locator('.el-dialog').filter({ hasText: '登记会议' });
      await meetingDialog.locator('input[name=meeting-title]').fill('2026年第三次联席会议');
      await meetingDialog.locator('input[name=meeting-held-at]').fill('2026-03-05 09:00');
      await meetingDialog.locator('input[name=meeting-held-at]').press('Enter');
      await meetingDialog.locator('input[name=meeting-location]').fill('区政府第一会议室');
      await meetingDialog.getByTestId('save-meeting').click();
      await page.getByTestId('meeting').waitFor();
      const meetingId = new URL(page.url()).searchParams.get('meeting')!;
      const meeting = await ok(w.as.secretary.get(`/meetings/${meetingId}`), 200);
      // 09:00 in the council's zone (Asia/Shanghai), whatever the browser's zone.
      expect(new Date(meeting.heldAt).toISOString()).toBe('2026-03-05T01:00:00.000Z');

      await page.getByTestId('new-decision').click();
      const decisionDialog = page.locator('.el-dialog').filter({ hasText: '登记决定事项' });
      await decisionDialog.locator('input[name=decision-title]').fill('修缮老旧小区屋面');
      await decisionDialog.getByTestId('save-decision-next').click();
      await expect(page.getByTestId('decisions').getByText('修缮老旧小区屋面').waitFor()).resolves.toBeUndefined();
      await decisionDialog.locator('input[name=decision-title]').fill('打通滨江断头路');
      await decisionDialog.getByTestId('save-decision').click();
      await decisionDialog.waitFor({ state: 'hidden' });
      await page.getByTestId('decisions').getByText('打通滨江断头路').waitFor();
      expect((await decisionsOf(meetingId)).map((d) => d.title).sort()).toEqual(['修缮老旧小区屋面', '打通滨江断头路'].sort());

      // A file with one bad row (an unknown unit, no title): the preview names it, nothing is saved.
      const lead = (await ok(t.admin.get(`/organizations/${w.orgs.lead}`), 200)).name;
      await page.getByTestId('import').click();
      const importDialog = page.locator('.el-dialog').filter({ hasText: '导入决定事项' });
      await importDialog.getByTestId('import-file').setInputFiles({
        name: '决定事项.csv',
        mimeType: 'text/csv',
        buffer: csv([
          ['决定事项', '牵头单位', '完成时限'],
          ['建设口袋公园', lead, '2026-06-30'],
          ['', '不存在的单位', '2026-07-31'],
        ]),
      });
      const summary = importDialog.getByTestId('preview-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toContain('2 行中有 1 行有问题');
      const preview = importDialog.getByTestId('import-preview');
      // Row 3, beside its cells, in the person's words: the unknown unit and the missing title.
      const badRow = preview.locator('tr').filter({ hasText: '不存在的单位' });
      await expect(badRow.getByText('没有名为“不存在的单位”的单位').isVisible()).resolves.toBe(true);
      await expect(badRow.getByText('必填').isVisible()).resolves.toBe(true);
      expect(await badRow.locator('td').first().textContent()).toBe('3');
      await expect(importDialog.getByTestId('confirm-import').isDisabled()).resolves.toBe(true);
      await screenshot(page, 'meeting-import-preview.png');
      expect(await decisionsOf(meetingId)).toHaveLength(2);

      // The corrected file: every row passes, then the import saves them.
      await importDialog.getByTestId('import-file').setInputFiles({
        name: '决定事项.csv',
        mimeType: 'text/csv',
        buffer: csv([
          ['决定事项', '牵头单位', '完成时限'],
          ['建设口袋公园', lead, '2026-06-30'],
          ['开放滨江公园', lead, '2026-07-31'],
        ]),
      });
      await importDialog.getByText('全部 2 行检查通过').waitFor();
      await importDialog.getByTestId('confirm-import').click();
      await importDialog.getByText('已导入 2 个决定事项').waitFor();
      await importDialog.getByRole('button', { name: '关闭', exact: true }).click();
      await importDialog.waitFor({ state: 'hidden' });
      await page.getByTestId('decisions').getByText('开放滨江公园').waitFor();
      expect(await decisionsOf(meetingId)).toHaveLength(4);
      await screenshot(page, 'meeting.png');
    } finally {
      await page.context().close();
    }
  });

  it("an admin's invalid policy shows the server's field error beside the field, and nothing is saved", async () => {
    const council = await ok(t.admin.get(`/councils/${w.councilId}`), 200);
    const page = await signedIn(process.env.ADMIN_USERNAME!, process.env.ADMIN_PASSWORD!, '/admin/councils');
    try {
      await page.getByTestId(`policy-${council.name}`).click();
      const editor = page.getByTestId('policy-editor');
      await editor.waitFor();
      // Element Plus puts the test id on the input itself or on its wrapper, depending on the component.
      const input = (testId: string) => page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`);
      await input('policy-quietHours-start').fill('25:00');
      await input('policy-escalation-1-after').fill('三天');
      await editor.getByTestId('save-policy').click();
      await editor.getByTestId('policy-error').waitFor();
      const field = (testId: string) => editor.locator('.el-form-item').filter({ has: input(testId) });
      await expect(field('policy-quietHours-start').locator('.el-form-item__error').textContent()).resolves.toContain('HH:MM');
      await expect(field('policy-escalation-1-after').locator('.el-form-item__error').textContent()).resolves.toContain('3wd');
      // The field messages zoom in (a transition that `animations: 'disabled'` does not finish): shown as read once they are in.
      await editor.locator('.el-form-item__error[class*="-enter-active"]').first().waitFor({ state: 'detached' });
      await screenshot(page, 'council-policy-error.png');
      expect((await ok(t.admin.get(`/councils/${w.councilId}`), 200)).policy).toEqual(council.policy);
    } finally {
      await page.context().close();
    }
  });

  it('a supervisor generates a bulletin for a period, reads it and downloads it; the assessment shows its formula', async () => {
    t.clock.set('2026-02-01T09:00:00+08:00');
    await resolutionIn(w, 'in_progress', { title: '清理项目X的拆迁障碍', dueAt: '2026-02-10' });
    await resolutionIn(w, 'closed', { title: '设立联合课堂', dueAt: '2026-02-20' });
    t.clock.set('2026-03-02T09:00:00+08:00');
    const username = (await ok(t.admin.get(`/people/${w.ids.supervisor}`), 200)).username;
    const page = await signedIn(username, 'password-123', '/bulletins');
    try {
      const range = page.locator('.el-range-input');
      await range.nth(0).fill('2026-02-01');
      await range.nth(1).fill('2026-03-01');
      await range.nth(1).press('Enter');
      await page.getByTestId('generate').click();
      // The new bulletin opens at once: its printable document and its figures.
      const reader = page.locator('.el-dialog').filter({ hasText: '通报全文' });
      await reader.waitFor();
      await reader.getByRole('tab', { name: '数据' }).click();
      await reader.getByText('清理项目X的拆迁障碍').first().waitFor();
      await screenshot(page, 'bulletin.png');
      const bulletins = (await ok(w.as.supervisor.get(`/councils/${w.councilId}/bulletins`), 200)).items;
      expect(bulletins).toHaveLength(1);
      expect(bulletins[0].summary).toMatchObject({ new: 2, closed: 1, overdue: 1 });
      await reader.locator('.el-dialog__headerbtn').click();
      await reader.waitFor({ state: 'hidden' });
      await screenshot(page, 'bulletins.png');

      const download = page.waitForEvent('download');
      // el-table keeps a hidden copy of each column's template: the visible button is the row's.
      await page.getByTestId('download-xlsx').filter({ visible: true }).click();
      expect((await download).suggestedFilename()).toMatch(/^督查通报-.*\.xlsx$/);

      await page.goto(`${t.baseUrl}/assessment`);
      await page.getByTestId('formula').waitFor();
      await range.nth(0).fill('2026-02-01');
      await range.nth(1).fill('2026-03-01');
      await range.nth(1).press('Enter');
      await page.getByTestId('assess').click();
      await page.getByText('2026年2月1日 — 2026年3月1日').waitFor();
      await page.getByTestId('assessment').getByText('城建办').first().waitFor();
      await screenshot(page, 'assessment.png');
    } finally {
      await page.context().close();
    }
  });
});
