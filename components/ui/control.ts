import { cn } from "./cn";

/**
 * Shared look for input, textarea and select. 16px text on phones stops iOS zooming on focus;
 * aria-invalid (set by fieldAria) turns the border red so errors are not shown by colour alone.
 */
export function controlClasses(...extra: readonly (string | undefined)[]): string {
  return cn(
    "block w-full rounded-md border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-sm sm:text-sm",
    "placeholder:text-slate-400",
    "focus-visible:border-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-600",
    "aria-invalid:border-red-600 aria-invalid:focus-visible:outline-red-600",
    "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500",
    ...extra,
  );
}
