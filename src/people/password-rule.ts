import { dictionary } from '@zxcvbn-ts/language-common';

/** The shortest password accepted when one is set or changed (DESIGN.md, "Data safety and access"). */
export const MIN_PASSWORD_LENGTH = 10;

let common: Set<string> | undefined;

/**
 * About 49,000 passwords seen most often in leaks (the list zxcvbn-ts ships), lower-cased; loaded on
 * first use so processes that never set a password do not hold it.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * Why a new password is refused, or null when it is fine: too short, the username itself, or one of
 * the common passwords (compared without case, as guessers try every casing of them).
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  const folded = password.trim().toLowerCase();
  if (folded === username.trim().toLowerCase()) return 'must not be the username';
  if (commonPasswords().has(folded)) return 'is one of the most common passwords; choose another';
  return null;
}
