export type ClassValue = string | false | null | undefined;

/**
 * Joins class names, skipping falsy ones: `cn("a", active && "b")`. It does not resolve Tailwind
 * conflicts (no tailwind-merge), so components keep sizing out of their base classes and let callers add it.
 */
export function cn(...classes: readonly ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
