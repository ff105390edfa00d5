import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/**
 * Scrolls sideways inside its own box on phones instead of widening the page. The box takes keyboard
 * focus (a scrollable region must be reachable without a mouse) and is named after the table.
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
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </section>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-slate-200 bg-slate-50", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-slate-100", className)} {...props} />;
}

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("align-middle", className)} {...props} />;
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

export function Td({ className, numeric, ...props }: ComponentProps<"td"> & CellOptions) {
  return (
    <td
      className={cn(
        "px-4 py-3 text-slate-700",
        numeric && "text-right whitespace-nowrap tabular-nums",
        className,
      )}
      {...props}
    />
  );
}
