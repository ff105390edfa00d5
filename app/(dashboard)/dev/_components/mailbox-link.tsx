import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { isDevMailboxEnabled } from "@/lib/email/dev-mailbox";

/** A way into the development mailbox, shown only where the mailbox exists. */
export function MailboxLink() {
  if (!isDevMailboxEnabled()) return null;
  return (
    <Link href="/dev/mailbox" className={buttonClasses("outline", "md")}>
      Development mailbox
    </Link>
  );
}
