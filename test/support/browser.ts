import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots and other things a person looks at after a run (git-ignored). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/**
 * Debian's chromium (`apt-get install -y chromium fonts-noto-cjk`; .ci/run does it when missing),
 * headless, driven by playwright-core: no browser download. `CHROMIUM_PATH` points elsewhere.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A phone as cadres hold it when they open a link from DingTalk or WeCom. */
export const PHONE = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
} as const;
export const DESKTOP = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' } as const;

/**
 * Saves the whole page, top to bottom, as test-artifacts/<name>, animations finished. The window is made
 * as tall as the page first, so a bar fixed to the bottom of the screen (the phone's tab bar) is drawn at
 * the bottom, as a person sees it at the end of the page, not across the middle of the content.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const window = page.viewportSize();
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  const taller = window !== null && height > window.height;
  if (taller) await page.setViewportSize({ width: window.width, height });
  try {
    await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true, animations: 'disabled' });
  } finally {
    if (taller) await page.setViewportSize(window);
  }
}
