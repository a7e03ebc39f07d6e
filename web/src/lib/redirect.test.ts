import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

describe('safeRedirect', () => {
  it.each([
    ['/resolutions/7b0c1f6e-1d7a-4c1e-9d53-0a8f1f0e2b11', '/resolutions/7b0c1f6e-1d7a-4c1e-9d53-0a8f1f0e2b11'],
    ['/resolutions?status=in_progress&overdue=true', '/resolutions?status=in_progress&overdue=true'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/login?redirect=/login', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%j → %s', (value, expected) => {
    expect(safeRedirect(value)).toBe(expected);
  });
});
