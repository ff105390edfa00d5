import { buttonHtml, escapeHtml, layoutHtml, paragraphHtml } from "../html";
import { PRODUCT_NAME, type RenderedEmail } from "./format";

// Emails about the account itself, from SixthDesk to the User. Links carry a single-use token; the
// email says how long it lasts and what to do if the User did not ask for it.

function accountEmail(p: { subject: string; lines: string[]; link?: { url: string; label: string } }) {
  const text = [...p.lines, ...(p.link ? [`${p.link.label}: ${p.link.url}`] : [])].join("\n\n");
  const html = layoutHtml({
    title: p.subject,
    body: [
      `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(p.subject)}</h1>`,
      ...p.lines.map(paragraphHtml),
      p.link ? buttonHtml(p.link.url, p.link.label) : "",
    ].join(""),
    footer: `${PRODUCT_NAME} sends this email about your account; it is not a marketing message.`,
  });
  return { subject: p.subject, text: `${text}\n`, html } satisfies RenderedEmail;
}

export function renderVerificationEmail(p: { name: string; url: string; hours: number }): RenderedEmail {
  return accountEmail({
    subject: "Confirm your email address for SixthDesk",
    lines: [
      `Hello ${p.name},`,
      `Confirm this address to connect Stripe and send invoices. The link works once, for ${p.hours} hours.`,
      "If you did not create a SixthDesk account, ignore this email.",
    ],
    link: { url: p.url, label: "Confirm my email address" },
  });
}

export function renderEmailChangeEmail(p: { name: string; url: string; hours: number }): RenderedEmail {
  return accountEmail({
    subject: "Confirm your new email address for SixthDesk",
    lines: [
      `Hello ${p.name},`,
      `You asked to sign in to SixthDesk with this address from now on. Confirm it to make the change; the link works once, for ${p.hours} hours.`,
      "If you did not ask, ignore this email: nothing changes.",
    ],
    link: { url: p.url, label: "Confirm my new email address" },
  });
}

export function renderEmailChangedNotice(p: {
  name: string;
  newEmail: string;
  signInUrl: string;
}): RenderedEmail {
  return accountEmail({
    subject: "Your SixthDesk email address was changed",
    lines: [
      `Hello ${p.name},`,
      `Your SixthDesk account now signs in with ${p.newEmail}, and every device was signed out. This address no longer receives its emails.`,
      "If this was not you, reply to this email at once: someone may have your password.",
    ],
    link: { url: p.signInUrl, label: "Sign in" },
  });
}

export function renderPasswordResetEmail(p: { name: string; url: string; minutes: number }): RenderedEmail {
  return accountEmail({
    subject: "Reset your SixthDesk password",
    lines: [
      `Hello ${p.name},`,
      `Someone (we hope you) asked to reset the password of this SixthDesk account. The link works once, for ${p.minutes} minutes.`,
      "If you did not ask, ignore this email: your password stays as it is.",
    ],
    link: { url: p.url, label: "Choose a new password" },
  });
}

export function renderPasswordChangedEmail(p: { name: string; signInUrl: string }): RenderedEmail {
  return accountEmail({
    subject: "Your SixthDesk password was changed",
    lines: [
      `Hello ${p.name},`,
      "The password of your SixthDesk account was just changed, and every device was signed out.",
      "If this was not you, reset your password at once and check your connected Stripe account.",
    ],
    link: { url: p.signInUrl, label: "Sign in" },
  });
}
