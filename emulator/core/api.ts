import type { Params } from "./form";
import type { OpContext } from "./store";

/** What a `/v1` handler receives: the acting account, the parsed params and the path's ids. */
export type ApiRequest = {
  ctx: OpContext;
  params: Params;
  path: Record<string, string>;
  /** Made with a publishable key (the stand-in Stripe.js): only client-safe operations and fields. */
  publishable: boolean;
  /** The key used, for error messages (403 `account_invalid` quotes it redacted). */
  apiKey: string;
};

export type ApiHandler = (req: ApiRequest) => unknown;
