import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  // Module augmentation needs an interface.
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}
