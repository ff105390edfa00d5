// Its own (empty) hook: without one, Turbopack picks up the app's instrumentation.ts from the workspace root.
export function register() {}
