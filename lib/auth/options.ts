import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { authenticate } from "./authenticate";
import { SIGN_IN_ERROR } from "./sign-in-errors";

const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

let cached: NextAuthOptions | undefined;

// Built lazily: the secret comes from the validated env at request time, not at build time.
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: getEnv().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials) {
          const result = await authenticate(getDb(), {
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
          });
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          if (result.reason === "throttled") {
            throw new Error(`${SIGN_IN_ERROR.throttledPrefix}${Math.ceil(result.waitMs / 1000)}`);
          }
          throw new Error(SIGN_IN_ERROR.invalid);
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
  return cached;
}
