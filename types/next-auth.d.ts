import type { DefaultSession } from "next-auth";

// Module augmentation needs interfaces.
declare module "next-auth" {
  interface Session {
    user: { id: string; sessionVersion: number } & DefaultSession["user"];
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The User's session version when this cookie was issued (lib/auth/session.ts). */
    sv?: number;
  }
}
