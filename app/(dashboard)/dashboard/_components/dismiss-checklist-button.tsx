"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { dismissChecklistAction } from "../actions";

export function DismissChecklistButton() {
  const router = useRouter();
  const dismiss = useServerAction(dismissChecklistAction, { onSuccess: () => router.refresh() });
  return (
    <span className="flex flex-col items-end gap-1">
      <Button
        type="button"
        size="sm"
        variant="ghost"
        disabled={dismiss.pending}
        onClick={() => dismiss.execute({})}
      >
        Hide this list
      </Button>
      {dismiss.formError && <span className="text-sm text-red-700">{dismiss.formError}</span>}
    </span>
  );
}
