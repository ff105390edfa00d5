/** Where scripts/e2e-server.ts writes the app server's whole log for the e2e run. */
export const E2E_SERVER_LOG = ".data/e2e/server.log";
