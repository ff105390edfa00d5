import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Refund } from "@/db/schema";
import { REFUND_STATUS_LABELS } from "@/lib/refunds/messages";

const TONES: Record<Refund["status"], BadgeTone> = {
  creating: "info",
  pending: "warning",
  requires_action: "warning",
  succeeded: "success",
  failed: "danger",
  canceled: "neutral",
  errored: "neutral",
};

export function RefundStatusBadge({ status }: { status: Refund["status"] }) {
  return <Badge tone={TONES[status]}>{REFUND_STATUS_LABELS[status]}</Badge>;
}
