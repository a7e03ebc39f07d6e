import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-rule';

describe('password rule', () => {
  it.each([
    ['12345678', 'li', `must be at least ${MIN_PASSWORD_LENGTH} characters`],
    ['short', 'li', `must be at least ${MIN_PASSWORD_LENGTH} characters`],
    ['1234567890', 'li', 'is one of the most common passwords; choose another'],
    ['Password123', 'li', 'is one of the most common passwords; choose another'],
    ['QWERTYUIOP', 'li', 'is one of the most common passwords; choose another'],
    ['zhang.wei-2026', 'Zhang.Wei-2026', 'must not be the username'],
  ])('refuses %s (username %s): %s', (password, username, problem) => {
    expect(passwordProblem(password, username)).toBe(problem);
  });

  it.each([
    // The demo's, the development admin's and the tests' passwords stay valid.
    ['duban-demo-2026', 'chair'],
    ['admin12345', 'admin'],
    ['admin-password-for-tests', 'admin'],
    ['password-123', 'owner-1'],
    ['长城长城长城长城长城长', 'li'],
  ])('accepts %s', (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    expect(passwordProblem('😀'.repeat(9), 'li')).toBe(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  });
});
