// Page URLs as stored and shown: without credentials, signatures, secrets or tracking.

/**
 * Query parameters removed from page URLs, compared without case. Signed and pre-signed URLs
 * (S3's `X-Amz-Signature`, `X-Amz-Credential`, `X-Amz-Security-Token`; CloudFront's `Signature`,
 * `Key-Pair-Id`, `Policy`), API keys and session ids grant access to whoever reads them; click
 * and campaign ids (`utm_*`, `fbclid`, `gclid`) only track the reader and split one page into
 * many URLs. A scraper copies them from the address bar, so they arrive in object metadata.
 */
export const URL_SECRET_PARAMETERS: ReadonlySet<string> = new Set([
  // credentials and signatures
  'token', 'access_token', 'id_token', 'refresh_token', 'auth', 'authorization', 'key', 'api_key', 'apikey',
  'sig', 'signature', 'policy', 'key-pair-id', 'password', 'passwd', 'pwd', 'secret', 'client_secret',
  // sessions
  'session', 'sessionid', 'session_id', 'sid', 'jsessionid', 'phpsessid', 'aspsessionid',
  // click and campaign tracking
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl',
]);

/** Query parameter prefixes removed, compared without case: signed-request families and campaign tags. */
export const URL_SECRET_PARAMETER_PREFIXES: readonly string[] = ['x-amz-', 'x-goog-', 'utm_'];

/** A `;jsessionid=...` path parameter (servlet containers put the session in the path). */
const PATH_SESSION = /;jsessionid=[^/?#]*/gi;

function isSecretParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return URL_SECRET_PARAMETERS.has(lower) || URL_SECRET_PARAMETER_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The page URL to store and show: user info (`user:password@`), secret and tracking query
 * parameters ({@link URL_SECRET_PARAMETERS}), path session ids and the fragment removed; the
 * other parameters kept in their order. A value that is not an absolute http(s) URL is dropped
 * (undefined): it cannot be checked for secrets, and the site then comes from the key's folder.
 *
 * @example
 * sanitizePageUrl('https://bob:pw@news.example/a?id=7&utm_source=x&X-Amz-Signature=abc#top');
 * // 'https://news.example/a?id=7'
 */
export function sanitizePageUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  url.pathname = url.pathname.replace(PATH_SESSION, '');
  const secrets = [...new Set(url.searchParams.keys())].filter(isSecretParameter);
  // Deleting re-encodes the whole query, so a URL without secrets keeps its query as it was.
  for (const name of secrets) url.searchParams.delete(name);
  if (secrets.length > 0 && url.searchParams.size === 0) url.search = '';
  return url.toString();
}
