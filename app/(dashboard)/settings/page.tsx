import { redirect } from "next/navigation";

// Payments is the only settings page so far.
export default function SettingsPage() {
  redirect("/settings/payments");
}
