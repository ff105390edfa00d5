type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

/**
 * The client's address for rate limits: the last X-Forwarded-For entry, the one the nearest proxy (or
 * Next itself, when nothing is in front) added. Earlier entries are whatever the client chose to send.
 */
export function clientAddressOf(headers: HeaderBag): string {
  const read = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwarded = read("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || read("x-real-ip")?.trim() || "unknown";
}
