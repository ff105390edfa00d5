import { Badge } from "@/components/ui/badge";
import type { Payment } from "@/db/schema";

const LABELS: Record<
  Payment["status"],
  { label: string; tone: "neutral" | "info" | "success" | "warning" | "danger" }
> = {
  requires_payment_method: { label: "Awaiting card", tone: "neutral" },
  requires_confirmation: { label: "Awaiting confirmation", tone: "neutral" },
  requires_action: { label: "Awaiting authentication", tone: "info" },
  processing: { label: "Processing", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  canceled: { label: "Canceled", tone: "neutral" },
};

export function PaymentStatusBadge({ status }: { status: Payment["status"] }) {
  const { label, tone } = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
