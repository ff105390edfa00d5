// Where a person may be sent after signing in: only a path on this site, whatever its encoding. Used by
// the sign-in form (client) and next-auth's redirect callback (server), so both decide alike.

export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

// Browsers drop tabs and newlines inside URLs and read "\" as "/", which turns "/\evil.com" or
// "/\t/evil.com" into "//evil.com". Anything carrying them is refused outright rather than repaired.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const SUSPICIOUS = /[\u0000-\u001f\u007f\\]/;

/**
 * Returns a same-origin path (with query and fragment) for `value`, or `fallback`. `value` may be a path
 * or an absolute URL on `origin` (next-auth passes those); everything is judged by how the WHATWG URL
 * parser, which browsers use, reads it.
 */
export function safeRedirectPath(
  value: string | null | undefined,
  options: { origin: string; fallback?: string },
): string {
  const fallback = options.fallback ?? DEFAULT_AFTER_SIGN_IN;
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (SUSPICIOUS.test(value)) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(options.origin);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  // Only a path, or a full URL naming this exact origin: "evil.com" or "%2F%2Fevil.com" without a
  // leading slash are not paths a form of ours produces.
  if (!value.startsWith("/") && !value.startsWith(`${base.origin}/`) && value !== base.origin)
    return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "/.//evil.com" normalises to "//evil.com", which a later navigation would read as another host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
