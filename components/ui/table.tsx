import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * Below the sm breakpoint a table reads as a stack of cards, one per row: the header row is hidden
 * (still read by screen readers), cells stack, and a cell with a `label` shows it on the left with its
 * value on the right, so amounts are never cut off and nothing scrolls sideways. The first cell of a row,
 * usually left without a label, is the card's title; empty cells (an action a row does not have) vanish.
 * Exported for tables styled their own way (the invoice document's line items).
 */
export const stackedTable = {
  table: "max-sm:block",
  head: "max-sm:sr-only",
  body: "max-sm:block",
  row: "max-sm:block max-sm:py-2",
  cell: "max-sm:py-1 max-sm:empty:hidden",
  unlabelled: "max-sm:block",
  // The label floats left of the value, so a cell holding several things (a badge and a note) still
  // lines up on the right, and a long value wraps below the label instead of widening the card.
  labelled:
    "max-sm:flow-root max-sm:text-right max-sm:before:float-left max-sm:before:mr-4 max-sm:before:text-left max-sm:before:font-medium max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]",
} as const;

/**
 * A table in a box of its own. From sm up, a table wider than the box scrolls sideways inside it; the box
 * takes keyboard focus (a scrollable region must be reachable without a mouse) and is named after the
 * table. Below sm the rows are cards (see stackedTable).
 */
export function Table({
  className,
  caption,
  children,
  ...props
}: ComponentProps<"table"> & { caption?: ReactNode }) {
  const label = typeof caption === "string" ? caption : props["aria-label"];
  return (
    <section
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-reachable.
      tabIndex={0}
      aria-label={label ?? "Table"}
      // relative: an absolutely placed child (an sr-only header) is clipped by this box, not the page.
      className="relative w-full overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <table
        className={cn("w-full border-collapse text-left text-sm", stackedTable.table, className)}
        {...props}
      >
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </section>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return (
    <thead className={cn("border-b border-slate-200 bg-slate-50", stackedTable.head, className)} {...props} />
  );
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-slate-100", stackedTable.body, className)} {...props} />;
}

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("align-middle", stackedTable.row, className)} {...props} />;
}

type CellOptions = { numeric?: boolean };

/** `numeric` right-aligns with tabular figures so amounts line up. */
export function Th({ className, numeric, scope = "col", ...props }: ComponentProps<"th"> & CellOptions) {
  return (
    <th
      scope={scope}
      className={cn(
        "px-4 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase",
        numeric && "text-right",
        className,
      )}
      {...props}
    />
  );
}

/**
 * `label`: the column's name, shown beside the value when the row is a card on a phone (usually the
 * column header's text). Leave it off the row's first cell, which is the card's title.
 */
export function Td({
  className,
  numeric,
  label,
  ...props
}: ComponentProps<"td"> & CellOptions & { label?: string }) {
  return (
    <td
      data-label={label}
      className={cn(
        "px-4 py-3 text-slate-700",
        numeric && "text-right whitespace-nowrap tabular-nums",
        stackedTable.cell,
        label ? stackedTable.labelled : stackedTable.unlabelled,
        className,
      )}
      {...props}
    />
  );
}
