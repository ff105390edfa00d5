import { z } from "zod";

export const PAGE_SIZE = 25;

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export function pageFromSearch(value: string | string[] | undefined) {
  const page = pageSchema.parse(Array.isArray(value) ? value[0] : (value ?? 1));
  return { page, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

export function pageCount(total: number) {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** Builds a link to the same list with one query parameter changed. */
export function hrefWith(path: string, params: Record<string, string | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

type SearchParams = Record<string, string | string[] | undefined>;

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The `?after=` / `?before=` cursors of a keyset list (`after` wins when both are given). A malformed
 * cursor is ignored, so an old or hand-edited link shows the first page rather than an error.
 */
export function cursorsFromSearch<T>(search: SearchParams, cursor: z.ZodType<T>): { after?: T; before?: T } {
  const parse = (value: string | string[] | undefined) => {
    const parsed = cursor.safeParse(firstValue(value));
    return parsed.success ? parsed.data : undefined;
  };
  const after = parse(search.after);
  return { after, before: after === undefined ? parse(search.before) : undefined };
}

const uuidSchema = z.uuid();

/** A record id from the URL: a malformed one is null, so it is simply not found, like another User's. */
export function uuidParam(value: string): string | null {
  const parsed = uuidSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
