import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listFailedEmails } from "@/db/queries/email-outbox";
import { requireUser } from "@/lib/auth/session";
import { formatPreferencesFor } from "@/lib/business/preferences";
import { formatDateTime } from "@/lib/format";
import { reminderScheduleFor } from "@/lib/reminders/settings";
import { FailedEmails } from "./_components/failed-emails";
import { ReminderScheduleForm } from "./_components/reminder-schedule-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reminders" };

export default async function ReminderSettingsPage() {
  const user = await requireUser();
  const db = getDb();
  const [schedule, failed, format] = await Promise.all([
    reminderScheduleFor(db, user.id),
    listFailedEmails(db, { userId: user.id, limit: 50 }),
    formatPreferencesFor(user.id, db),
  ]);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Reminders"
        description="Payment reminders go to your customers by email, with the pay link and the invoice PDF, on the days you choose. They stop when the invoice is paid in full, voided or disputed, and while you pause them on the invoice or the customer."
      />
      <ReminderScheduleForm initial={schedule} />
      <FailedEmails
        rows={failed.map((row) => ({
          id: row.id,
          subject: row.subject,
          toAddress: row.toAddress,
          attempts: row.attempts,
          lastError: row.lastError,
          when: formatDateTime(row.createdAt, format),
        }))}
      />
    </div>
  );
}
