import "server-only";
import { and, eq, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { DateField, SearchTerms } from "@/lib/invoices/search";
import { customers, invoices } from "../schema";

/** The invoice list's search box and date range (lib/invoices/search.ts turns the URL into these). */
export type InvoiceSearchFilter = {
  search?: SearchTerms;
  dates?: { field: DateField; from?: string; to?: string };
};

/**
 * Conditions for the search and the date range, to AND with the owner's. Each arm of the search has an
 * index to start from: the sequence (invoices_user_id_sequence_key), the total
 * (invoices_user_id_total_minor_idx), the matching customers (a scan of the User's customers, then
 * invoices_customer_id_idx); a date range has invoices_user_id_issue_date_idx / _due_date_idx.
 */
export function searchConditions(userId: string, filter: InvoiceSearchFilter): SQL[] {
  const conditions: SQL[] = [];
  const { search, dates } = filter;
  if (search) {
    const arms: SQL[] = [];
    if (search.sequence !== undefined) {
      const bySequence = eq(invoices.sequence, search.sequence);
      arms.push(
        search.number === undefined
          ? bySequence
          : (and(bySequence, sql`lower(${invoices.number}) = ${search.number}`) as SQL),
      );
    }
    for (const amount of search.amounts) {
      arms.push(
        and(eq(invoices.totalMinor, amount.minor), inArray(invoices.currency, amount.currencies)) as SQL,
      );
    }
    arms.push(
      sql`${invoices.customerId} in (select ${customers.id} from ${customers} where ${customers.userId} = ${userId} and (${customers.name} ilike ${search.customerPattern} escape '\\' or ${customers.email} ilike ${search.customerPattern} escape '\\'))`,
    );
    conditions.push(or(...arms) as SQL);
  }
  if (dates) {
    const column = dates.field === "due" ? invoices.dueDate : invoices.issueDate;
    if (dates.from) conditions.push(gte(column, dates.from));
    if (dates.to) conditions.push(lte(column, dates.to));
  }
  return conditions;
}
