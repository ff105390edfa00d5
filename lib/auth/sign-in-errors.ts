// next-auth passes an authorize() error to the browser as a string; these codes are the contract
// between the server and the sign-in form.
export const SIGN_IN_ERROR = {
  invalid: "invalid_credentials",
  codeRequired: "code_required",
  codeInvalid: "code_invalid",
  throttledPrefix: "throttled:",
} as const;

export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  if (code.startsWith(SIGN_IN_ERROR.throttledPrefix)) {
    const seconds = Number(code.slice(SIGN_IN_ERROR.throttledPrefix.length));
    const wait = Number.isFinite(seconds) && seconds > 0 ? formatWait(seconds) : "a few minutes";
    return `Too many failed sign-ins. Try again in ${wait}.`;
  }
  if (code === SIGN_IN_ERROR.codeRequired) return null;
  if (code === SIGN_IN_ERROR.codeInvalid)
    return "That code is not right. Check your authenticator app and try again.";
  return "That email and password do not match an account.";
}

function formatWait(seconds: number) {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
