import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { bumpSessionVersion } from "@/db/queries/users";
import { getEnv } from "@/lib/env";
import { clientAddressOf } from "@/lib/http/client-address";
import { errorContext, logger } from "@/lib/logger";
import { authenticate } from "./authenticate";
import { safeRedirectPath } from "./safe-redirect";
import { SIGN_IN_ERROR } from "./sign-in-errors";

const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

let cached: NextAuthOptions | undefined;

// Built lazily: the secret comes from the validated env at request time, not at build time.
export function authOptions(): NextAuthOptions {
  const env = getEnv();
  cached ??= {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // next-auth's cookies are HttpOnly and SameSite=Lax; Secure (and the __Secure- prefix) under https.
    useSecureCookies: env.APP_URL.startsWith("https://"),
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { type: "email" },
          password: { type: "password" },
          code: { type: "text" },
          clientAddress: { type: "text" },
        },
        async authorize(credentials, request) {
          const result = await authenticate(getDb(), {
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            code: credentials?.code ?? "",
            clientAddress: clientAddressOf(request.headers),
          });
          if (result.ok) {
            return {
              id: result.user.id,
              email: result.user.email,
              name: result.user.name,
              sessionVersion: result.user.sessionVersion,
            };
          }
          if (result.reason === "throttled") {
            throw new Error(`${SIGN_IN_ERROR.throttledPrefix}${Math.ceil(result.waitMs / 1000)}`);
          }
          if (result.reason === "code_required") throw new Error(SIGN_IN_ERROR.codeRequired);
          if (result.reason === "code_invalid") throw new Error(SIGN_IN_ERROR.codeInvalid);
          throw new Error(SIGN_IN_ERROR.invalid);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is only present on sign-in: the cookie remembers the version it was issued under.
        if (user) token.sv = user.sessionVersion ?? 0;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.sessionVersion = token.sv ?? -1;
        }
        return session;
      },
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeRedirectPath(url, { origin: baseUrl })}`;
      },
    },
    events: {
      // Signing out ends the session for good: the cookie being cleared in this browser is not enough
      // if it was copied elsewhere.
      async signOut({ token }) {
        if (!token?.sub) return;
        try {
          await bumpSessionVersion(getDb(), token.sub);
        } catch (error) {
          logger.error("could not end sessions at sign-out", { userId: token.sub, ...errorContext(error) });
        }
      },
    },
  };
  return cached;
}
