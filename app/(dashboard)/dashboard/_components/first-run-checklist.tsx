import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ChecklistItem } from "@/lib/overview/checklist";
import { DismissChecklistButton } from "./dismiss-checklist-button";

/** "Get set up": each step from what the User has done, each linking to where it is done. */
export function FirstRunChecklist({ items }: { items: readonly ChecklistItem[] }) {
  const done = items.filter((i) => i.done).length;
  return (
    <Card aria-labelledby="checklist-heading" role="region" data-testid="first-run-checklist">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div className="space-y-1">
          <CardTitle id="checklist-heading">Get set up to be paid</CardTitle>
          <CardDescription>
            {done} of {items.length} done
          </CardDescription>
        </div>
        <DismissChecklistButton />
      </CardHeader>
      <CardContent>
        <ol className="space-y-2">
          {items.map((item) => (
            <li key={item.key} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-done={item.done}>
              <span
                aria-hidden="true"
                className={
                  item.done
                    ? "flex size-5 items-center justify-center rounded-full bg-emerald-600 text-xs text-white"
                    : "size-5 rounded-full border-2 border-slate-300"
                }
              >
                {item.done ? "✓" : ""}
              </span>
              <span className={item.done ? "text-slate-500 line-through" : "font-medium text-slate-900"}>
                {item.label}
                <span className="sr-only">{item.done ? " (done)" : " (to do)"}</span>
              </span>
              {!item.done && (
                <Link href={item.href} className="text-sm font-medium text-indigo-700 hover:underline">
                  {item.action}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
