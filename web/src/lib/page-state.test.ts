import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { useFormState, usePageState } from './page-state';

const t = (key: string) => key;

describe('useFormState', () => {
  it('puts a 400 beside its fields and above the buttons, answers false, and clears both on the next try', async () => {
    const form = useFormState(t);
    const refused = new ApiError(400, { message: 'bad', details: [{ field: 'url', rule: 'isUrl', message: 'url must be a URL' }] });
    expect(
      await form.submit(async () => {
        expect(form.saving.value).toBe(true);
        throw refused;
      }),
    ).toBe(false);
    expect(form.saving.value).toBe(false);
    expect(form.errors.value).toEqual({ url: 'url must be a URL' });
    expect(form.formError.value).not.toBe('');
    expect(await form.submit(async () => undefined)).toBe(true);
    expect(form.errors.value).toEqual({});
    expect(form.formError.value).toBe('');
  });

  it('a failure that is not a 400 leaves the fields alone and says why', async () => {
    const form = useFormState(t);
    expect(await form.submit(() => Promise.reject(new ApiError(0, null)))).toBe(false);
    expect(form.errors.value).toEqual({});
    expect(form.formError.value).toBe('error.network');
  });
});

describe('usePageState', () => {
  it('turns a failed load into the page error line and clears it on success', async () => {
    const page = usePageState(t);
    await page.guarded(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(page.pageError.value).toBe('error.network');
    expect(page.loading.value).toBe(false);
    await page.guarded(async () => undefined);
    expect(page.pageError.value).toBe('');
  });
});
