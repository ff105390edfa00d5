import { z } from "zod";
import { text } from "@/lib/validation/text";

// Shared by the sign-up form (client) and the server, so both give the same messages.
export const emailSchema = text()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, such as you@example.com."))
  .transform((e) => e.toLowerCase());

const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password123",
  "1234567890",
  "12345678910",
  "qwertyuiop",
  "letmein123",
  "iloveyou123",
  "sixthdesk123",
  "welcome123",
  "administrator",
]);

export const PASSWORD_MIN_LENGTH = 10;

export const passwordSchema = text()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(128, "Use at most 128 characters.")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "That password is too common. Choose another.")
  .refine((p) => new Set(p).size >= 4, "That password is too easy to guess. Mix more characters.");

export const signUpSchema = z
  .object({
    name: text().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    businessName: text()
      .trim()
      .min(1, "Enter the business name your customers will see.")
      .max(100, "Use at most 100 characters."),
    email: emailSchema,
    password: passwordSchema,
    // What the browser says (navigator.language, its time zone), never typed: checked against Intl by
    // lib/format/supported.ts, which falls back rather than refusing the sign-up.
    locale: text().max(100).optional(),
    timeZone: text().max(100).optional(),
  })
  .refine((v) => !v.password.toLowerCase().includes(v.email.split("@")[0] ?? "\u0000"), {
    path: ["password"],
    message: "Your password must not contain your email address.",
  });

export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: text().min(1, "Enter your password.").max(128),
  // The six digits from the authenticator app or a recovery code, when two-factor is on.
  code: text().trim().max(32).default(""),
  clientAddress: text().trim().max(100).default("unknown"),
});
