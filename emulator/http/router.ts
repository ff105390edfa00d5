export type Route<H> = { method: string; path: string; handler: H };

/** `pattern` is the route as declared (`/v1/payment_intents/:id`): one endpoint whatever the id. */
export type Match<H> = { handler: H; params: Record<string, string>; pattern: string };

/** Matches `/v1/payment_intents/:id/confirm`-style patterns. */
export class Router<H> {
  private readonly routes: { method: string; parts: string[]; pattern: string; handler: H }[];

  constructor(routes: Route<H>[]) {
    this.routes = routes.map((r) => ({
      method: r.method,
      parts: r.path.split("/"),
      pattern: r.path,
      handler: r.handler,
    }));
  }

  match(method: string, path: string): Match<H> | null {
    const parts = path.replace(/\/+$/, "").split("/");
    for (const route of this.routes) {
      if (route.method !== method || route.parts.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.parts.every((part, i) => {
        const actual = parts[i] ?? "";
        if (part.startsWith(":")) {
          if (!actual) return false;
          params[part.slice(1)] = decodeURIComponent(actual);
          return true;
        }
        return part === actual;
      });
      if (ok) return { handler: route.handler, params, pattern: route.pattern };
    }
    return null;
  }
}
