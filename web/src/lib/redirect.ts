/**
 * Where to go after signing in (`?redirect=`): only a path inside the console, never another site
 * (`//evil.example`, `https://…`, `/\evil.example` that browsers read as a host), else the home page.
 */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value.startsWith('/login') ? '/' : value;
}
