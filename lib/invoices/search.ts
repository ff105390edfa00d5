// The invoice list's search and filters, read from the URL (so a filtered list is a link anyone signed
// in as the same User can open) and turned into terms the query understands. Pure: no database here.
import {
  currencyExponent,
  isSupportedCurrency,
  MAX_AMOUNT_MINOR,
  parseScaledDecimal,
  SUPPORTED_CURRENCIES,
} from "@/lib/money";
import { stripUnstorable } from "@/lib/validation/text";
import { INVOICE_STATUSES, type InvoiceStatus } from "./status";

export type StatusFilter = InvoiceStatus | "overdue";
export type DateField = "issue" | "due";

export type InvoiceFilters = {
  /** What was typed in the search box, trimmed; "" when nothing. */
  q: string;
  status?: StatusFilter;
  dateField: DateField;
  /** Calendar days "YYYY-MM-DD", both inclusive. */
  from?: string;
  to?: string;
  /** What was wrong with the URL's filters, said plainly; the offending filter is left out. */
  problems: string[];
};

/** An amount in one group of currencies, already in their minor units. */
export type AmountTerm = { minor: number; currencies: string[] };

export type SearchTerms = {
  /** Customer name or email contains it (a LIKE pattern, wildcards escaped). */
  customerPattern: string;
  /** Those customers, once looked up (db/queries/invoice-filters.ts withCustomerIds). */
  customerIds?: string[];
  /** The invoice's sequence, when the query is a number or ends in one ("42", "INV-0042"). */
  sequence?: number;
  /** The whole invoice number, lowercased, when the query had more than digits ("inv-0042"). */
  number?: string;
  /** Totals it could mean, one per currency exponent that can hold it. */
  amounts: AmountTerm[];
};

const MAX_QUERY_LENGTH = 100;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

function isRealDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

function statusFrom(value: string): StatusFilter | undefined {
  if (value === "overdue") return "overdue";
  return INVOICE_STATUSES.find((s) => s === value);
}

/** Reads ?q=&status=&dates=issue|due&from=&to= leniently: a bad value is dropped and named in `problems`. */
export function filtersFromSearch(params: SearchParams): InvoiceFilters {
  const problems: string[] = [];
  const q = stripUnstorable(first(params.q)).trim().slice(0, MAX_QUERY_LENGTH);
  const statusText = first(params.status);
  const status = statusFrom(statusText);
  if (statusText && !status)
    problems.push("That status filter is not one we know, so all statuses are shown.");
  const dateField: DateField = first(params.dates) === "due" ? "due" : "issue";
  const day = (name: "from" | "to") => {
    const value = first(params[name]).trim();
    if (!value) return undefined;
    if (isRealDay(value)) return value;
    problems.push(`"${value.slice(0, 20)}" is not a date; use the date picker or YYYY-MM-DD.`);
    return undefined;
  };
  let from = day("from");
  let to = day("to");
  if (from && to && from > to) {
    problems.push("The end date is before the start date, so no date range is applied.");
    from = undefined;
    to = undefined;
  }
  return { q, status, dateField, from, to, problems };
}

/** The query parameters of these filters (for links that keep them: pages, status tabs, export). */
export function filterParams(filters: InvoiceFilters): Record<string, string | undefined> {
  const hasDates = Boolean(filters.from || filters.to);
  return {
    q: filters.q || undefined,
    status: filters.status,
    dates: hasDates && filters.dateField === "due" ? "due" : undefined,
    from: filters.from,
    to: filters.to,
  };
}

export function hasAnyFilter(filters: InvoiceFilters): boolean {
  return Boolean(filters.q || filters.status || filters.from || filters.to);
}

/** Escapes LIKE's wildcards and its escape character, so "50%" finds "50%" and not "50 anything". */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const CURRENCIES_BY_EXPONENT = new Map<number, string[]>();
for (const code of SUPPORTED_CURRENCIES) {
  const exponent = currencyExponent(code);
  CURRENCIES_BY_EXPONENT.set(exponent, [...(CURRENCIES_BY_EXPONENT.get(exponent) ?? []), code]);
}

// "£1,234.50", "GBP 1234.5", "1234.50 kwd": an optional symbol or ISO code around a plain decimal.
const AMOUNT = /^(?:([A-Za-z]{3})\s*|[£$€¥₹])?\s*([\d,]*\.?\d*)\s*([A-Za-z]{3})?$/;

/**
 * The totals a query could mean. "120.5" is 12050 in a two-decimal currency, 120500 in a three-decimal
 * one, and nothing in a zero-decimal one (it has no half units); "120" is 12000, 120000 and 120. Parsed
 * from the string with BigInt, never through a float. A currency code in the query keeps only that one.
 */
export function amountTerms(query: string): AmountTerm[] {
  const match = AMOUNT.exec(query.trim());
  if (!match) return [];
  const [, codeBefore, digits = "", codeAfter] = match;
  const code = (codeBefore ?? codeAfter)?.toLowerCase();
  if (code && !isSupportedCurrency(code)) return [];
  if (!/\d/.test(digits)) return [];
  const terms: AmountTerm[] = [];
  for (const [exponent, currencies] of CURRENCIES_BY_EXPONENT) {
    const wanted = code ? currencies.filter((c) => c === code) : currencies;
    if (wanted.length === 0) continue;
    const parsed = parseScaledDecimal(digits, { scale: exponent, allowGrouping: true });
    if (!parsed.ok || parsed.value < 0n || parsed.value > BigInt(MAX_AMOUNT_MINOR)) continue;
    terms.push({ minor: Number(parsed.value), currencies: wanted });
  }
  return terms.sort((a, b) => a.minor - b.minor);
}

const TRAILING_NUMBER = /^(.*?)(\d{1,9})$/;

/** What a non-empty search box query can match: number, customer name or email, total. */
export function searchTerms(query: string): SearchTerms {
  const q = query.trim();
  const terms: SearchTerms = { customerPattern: likeContains(q), amounts: amountTerms(q) };
  const numbered = TRAILING_NUMBER.exec(q);
  if (numbered) {
    const [, prefix = "", digits = ""] = numbered;
    const sequence = Number(digits);
    if (sequence >= 1) {
      terms.sequence = sequence;
      // Numbers are the prefix then the padded sequence (lib/invoices/number.ts): "INV-0042" must match
      // that whole number, while "42" alone finds invoice 42 whatever its prefix.
      if (prefix) terms.number = q.toLowerCase();
    }
  }
  return terms;
}

/**
 * The filters as the list query takes them. Overdue is not stored: it is the invoices awaiting payment due
 * before `today`, the User's calendar day (isOverdue in ./status.ts is the same rule).
 */
export function queryFilter(filters: InvoiceFilters, today: string) {
  const overdue = filters.status === "overdue";
  return {
    status: overdue ? undefined : (filters.status as InvoiceStatus | undefined),
    overdueBefore: overdue ? today : undefined,
    search: filters.q ? searchTerms(filters.q) : undefined,
    dates:
      filters.from || filters.to
        ? { field: filters.dateField, from: filters.from, to: filters.to }
        : undefined,
  };
}
