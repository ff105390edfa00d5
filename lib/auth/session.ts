import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { authOptions } from "./options";

export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return session?.user?.id ?? null;
}

/** The signed-in User, re-read from the database so a deleted account loses access at once. */
export async function getCurrentUser(): Promise<User | null> {
  const userId = await getSessionUserId();
  if (!userId) return null;
  return (await getUserById(getDb(), userId)) ?? null;
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
