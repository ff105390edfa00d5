import { cn } from "./cn";

/** An inline spinner; its label is read by screen readers as a status update. */
export function Spinner({ label = "Loading", className }: { label?: string; className?: string }) {
  return (
    <output className="inline-flex items-center">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        className={cn("size-5 animate-spin text-current motion-reduce:animate-none", className)}
      >
        <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="4" className="opacity-25" />
        <path d="M4 12a8 8 0 0 1 8-8v4a4 4 0 0 0-4 4H4Z" fill="currentColor" className="opacity-75" />
      </svg>
      <span className="sr-only">{label}</span>
    </output>
  );
}
