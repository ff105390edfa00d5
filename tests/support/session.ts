// The signed-in User seen by getServerSession in integration tests (see setup-next-mocks.ts).
let currentUserId: string | null = null;

export function signInAs(userId: string | null) {
  currentUserId = userId;
}

export function currentTestSession() {
  return currentUserId
    ? { user: { id: currentUserId }, expires: new Date(Date.now() + 60_000).toISOString() }
    : null;
}
