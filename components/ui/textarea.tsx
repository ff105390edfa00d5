import type { ComponentProps } from "react";
import { controlClasses } from "./control";

export function Textarea({ className, rows = 4, ...props }: ComponentProps<"textarea">) {
  return <textarea rows={rows} className={controlClasses("min-h-24 py-2", className)} {...props} />;
}
