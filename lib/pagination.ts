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
