import { buttonClasses } from "@/components/ui/button";

/** CSV downloads of every payment and every refund, for an accountant (streamed by the export routes). */
export function PaymentExportLinks() {
  return (
    <div className="flex flex-wrap gap-2">
      <a href="/payments/export" className={buttonClasses("outline", "md")} download>
        Export payments (CSV)
      </a>
      <a href="/refunds/export" className={buttonClasses("outline", "md")} download>
        Export refunds (CSV)
      </a>
    </div>
  );
}
