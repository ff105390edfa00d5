import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A placeholder block; size it with className. Hidden from screen readers — mark the region aria-busy. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-slate-200 motion-reduce:animate-none", className)}
      {...props}
    />
  );
}
