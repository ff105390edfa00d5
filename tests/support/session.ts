// The signed-in User seen by getServerSession in integration tests (see setup-next-mocks.ts).
let current: { userId: string; sessionVersion: number } | null = null;

/** Signs in as the User, with the cookie's session version (a new User's is 0). */
export function signInAs(userId: string | null, sessionVersion = 0) {
  current = userId ? { userId, sessionVersion } : null;
}

export function currentTestSession() {
  return current
    ? {
        user: { id: current.userId, sessionVersion: current.sessionVersion },
        expires: new Date(Date.now() + 60_000).toISOString(),
      }
    : null;
}
