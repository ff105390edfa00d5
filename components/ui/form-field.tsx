import type { ReactNode } from "react";
import { cn } from "./cn";
import { Label } from "./label";

export type FieldAria = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
};

/**
 * Props for the control inside a FormField: `<Input {...fieldAria("email", error)} />`.
 * Pass the same hint as the FormField so screen readers read it with the control.
 */
export function fieldAria(id: string, error?: string | null, hint?: ReactNode): FieldAria {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}

export type FormFieldProps = {
  id: string;
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  /** Marks the label "(optional)"; required fields are the unmarked default. */
  optional?: boolean;
  className?: string;
  children: ReactNode;
};

export function FormField({ id, label, error, hint, optional, className, children }: FormFieldProps) {
  return (
    <div className={className}>
      <Label htmlFor={id} className="mb-1.5">
        {label}
        {optional && <span className="ml-1 font-normal text-slate-500">(optional)</span>}
      </Label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1.5 text-sm text-slate-500">
          {hint}
        </p>
      )}
      {/* Always rendered, so the live region exists before an error appears and the change is announced. */}
      <p
        id={`${id}-error`}
        aria-live="polite"
        className={cn("text-sm font-medium text-red-700", error && "mt-1.5")}
      >
        {error}
      </p>
    </div>
  );
}
