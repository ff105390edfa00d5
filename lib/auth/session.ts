import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { authOptions } from "./options";

type SessionClaims = { userId: string; sessionVersion: number };

async function sessionClaims(): Promise<SessionClaims | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return { userId: session.user.id, sessionVersion: session.user.sessionVersion };
}

/** Whether a cookie issued under `claims` still stands for `user` (not signed out, not revoked). */
export function sessionStands(user: Pick<User, "sessionVersion">, claims: SessionClaims): boolean {
  return user.sessionVersion === claims.sessionVersion;
}

/**
 * The signed-in User, re-read from the database on every request: one primary-key read that also
 * checks the cookie's session version, so a deleted account or an ended session loses access at once.
 */
export async function getCurrentUser(): Promise<User | null> {
  const claims = await sessionClaims();
  if (!claims) return null;
  const user = await getUserById(getDb(), claims.userId);
  return user && sessionStands(user, claims) ? user : null;
}

/** The signed-in User's id, with the same revocation check (a signed-out cookie gives null). */
export async function getSessionUserId(): Promise<string | null> {
  return (await getCurrentUser())?.id ?? null;
}

/**
 * For pages: the signed-in User, or a redirect to sign-in. Read once per render (the dashboard layout and
 * its page both ask); React's cache lives for one render, and outside a render (server actions, route
 * handlers) it does not memoise, so an action's change is seen by the render that follows it.
 */
export const requireUser = cache(async (): Promise<User> => {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
});
