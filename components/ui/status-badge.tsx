import { DISPLAY_STATUS_LABELS, type DisplayStatus } from "@/lib/invoices/status";
import { Badge, type BadgeTone } from "./badge";

const TONES: Record<DisplayStatus, BadgeTone> = {
  draft: "neutral",
  open: "info",
  partially_paid: "warning",
  paid: "success",
  partially_refunded: "warning",
  refunded: "neutral",
  void: "neutral",
};

/** The invoice's display status; `disputed` adds a red flag beside it (DESIGN §3: a flag on top). */
export function StatusBadge({ status, disputed = false }: { status: DisplayStatus; disputed?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={TONES[status]}>{DISPLAY_STATUS_LABELS[status]}</Badge>
      {disputed && <Badge tone="danger">Disputed</Badge>}
    </span>
  );
}
