const SECRET = '***';

const SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/** Query parameters that carry a password in some Redis URL dialects. */
const PASSWORD_PARAMETER = /([?&](?:password|pass|pwd)=)[^&#]*/gi;

/**
 * Replaces the password in a URL with `***`, so the URL can go into
 * messages and logs. Works on any string, including ones that do not parse
 * as a URL, such as `redis://user:p@ss@host` or `user:pass@host`.
 *
 * The password runs from the first ":" after the scheme to the last "@",
 * so an unencoded "@", "/" or "#" in it leaves no tail visible.
 * NOTE: In a string without a password, a ":" before a later "@" is taken
 * for one. `redis://host:6379/0?x=a@b` becomes `redis://host:***@b`, which
 * hides more than it has to.
 */
export function redactUrl(url: string): string {
  const scheme = SCHEME.exec(url)?.[0] ?? '';
  const rest = url.slice(scheme.length);
  const passwordEnd = rest.lastIndexOf('@');
  const passwordStart = rest.indexOf(':');
  const hasPassword = passwordStart !== -1 && passwordStart < passwordEnd;
  const redacted = hasPassword
    ? `${rest.slice(0, passwordStart)}:${SECRET}${rest.slice(passwordEnd)}`
    : rest;

  return scheme + redacted.replace(PASSWORD_PARAMETER, `$1${SECRET}`);
}
