"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/use-server-action";
import { changeScheduleStateAction } from "../actions";

export function ScheduleStateButtons({ scheduleId, status }: { scheduleId: string; status: string }) {
  const router = useRouter();
  const change = useServerAction(changeScheduleStateAction, { onSuccess: () => router.refresh() });
  if (status === "stopped" || status === "finished") return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant="outline"
        disabled={change.pending}
        onClick={() => change.execute({ scheduleId, action: status === "paused" ? "resume" : "pause" })}
      >
        {status === "paused" ? "Resume" : "Pause"}
      </Button>
      <Button
        type="button"
        variant="outline"
        disabled={change.pending}
        onClick={() => change.execute({ scheduleId, action: "stop" })}
      >
        Stop
      </Button>
      {change.formError && <span className="text-red-700">{change.formError}</span>}
    </div>
  );
}
