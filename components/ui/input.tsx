import type { ComponentProps } from "react";
import { controlClasses } from "./control";

export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return <input type={type} className={controlClasses("min-h-11 py-2", className)} {...props} />;
}
