export const API_KEY_COOKIE = 'oc_dashboard_key';

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * A session cookie scoped to the dashboard: JavaScript sends the key as a Bearer
 * header, so the cookie itself never has to travel with API requests.
 */
export function writeCookie(name: string, value: string): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/dashboard; SameSite=Strict${secure}`;
}

export function clearCookie(name: string): void {
  document.cookie = `${name}=; Path=/dashboard; Max-Age=0; SameSite=Strict`;
}
