import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Label({
  className,
  htmlFor,
  children,
  ...props
}: ComponentProps<"label"> & { htmlFor: string }) {
  return (
    <label htmlFor={htmlFor} className={cn("block text-sm font-medium text-slate-800", className)} {...props}>
      {children}
    </label>
  );
}
