import autocannon from "autocannon";
import { treeCpuMs } from "./rss";

export type NextRequest = {
  path: string;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  /** Handed back to onResponse with the answer to this request. */
  tag?: number;
};

export type LoadSpec = {
  /** Base URL, e.g. http://127.0.0.1:3500 */
  url: string;
  connections: number;
  /** Requests to complete (the bound); each run also stops after maxSeconds. */
  amount: number;
  maxSeconds: number;
  headers?: Record<string, string>;
  /** The next request to send; called just before each is sent. */
  next: () => NextRequest;
  onResponse?: (status: number, body: string, tag: number | undefined) => void;
  /** The server's pid: its CPU time per request is reported (steadier than latency on a busy machine). */
  serverPid?: number;
};

export type LoadResult = {
  connections: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU time of the server's process tree per answered request, if its pid was given. */
  cpuMsPerRequest: number | null;
  statuses: Record<string, number>;
};

export function percentile(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The raw outcome of one run; batches of one measurement are merged by `summarize`. */
export type Batch = {
  latencies: number[];
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
  cpuMs: number | null;
};

/** Drives `connections` keep-alive connections on loopback until `amount` answers or `maxSeconds`. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return summarize(spec.connections, [await runBatch(spec)]);
}

/** One run, unsummarised. */
export async function runBatch(spec: LoadSpec): Promise<Batch> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  type Context = { tag?: number };
  // Timed from the first request built to the last answer: autocannon's own start-up and wind-down
  // (connections, its once-a-second ticker) are not the server's time.
  const cpuBefore = spec.serverPid === undefined ? 0 : treeCpuMs(spec.serverPid);
  let firstAt: number | null = null;
  let lastAt = 0;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: spec.url,
      connections: spec.connections,
      amount: Math.max(spec.amount, spec.connections),
      duration: spec.maxSeconds + 5,
      timeout: 30,
      headers: spec.headers,
      requests: [
        {
          setupRequest: (request, context) => {
            firstAt ??= performance.now();
            const next = spec.next();
            (context as Context).tag = next.tag;
            return {
              ...request,
              method: next.method ?? "GET",
              path: next.path,
              body: next.body,
              headers: { ...request.headers, ...next.headers },
            };
          },
          onResponse: (status, body, context) => spec.onResponse?.(status, body, (context as Context).tag),
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    lastAt = performance.now();
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const timer = setTimeout(() => instance.stop(), spec.maxSeconds * 1000);
  const result = await done.finally(() => clearTimeout(timer));
  return {
    latencies,
    statuses,
    errors: result.errors,
    seconds: firstAt === null ? 0 : Math.max(0.001, (lastAt - firstAt) / 1000),
    cpuMs: spec.serverPid === undefined ? null : treeCpuMs(spec.serverPid) - cpuBefore,
  };
}

/** Percentiles over every answer of the batches; throughput over their summed time. */
export function summarize(connections: number, batches: readonly Batch[]): LoadResult {
  const latencies = batches.flatMap((b) => b.latencies).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const b of batches)
    for (const [code, n] of Object.entries(b.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const ok = Object.entries(statuses)
    .filter(([code]) => code.startsWith("2"))
    .reduce((sum, [, n]) => sum + n, 0);
  const seconds = batches.reduce((sum, b) => sum + b.seconds, 0);
  const cpu = batches.every((b) => b.cpuMs !== null)
    ? batches.reduce((sum, b) => sum + (b.cpuMs ?? 0), 0)
    : null;
  return {
    connections,
    requests: latencies.length,
    ok,
    non2xx: latencies.length - ok,
    errors: batches.reduce((sum, b) => sum + b.errors, 0),
    seconds: round(seconds, 2),
    perSecond: seconds > 0 ? round(ok / seconds) : 0,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? 0),
    cpuMsPerRequest: cpu === null || latencies.length === 0 ? null : round(cpu / latencies.length, 2),
    statuses,
  };
}

/** Sends `count` requests one after another (JIT and caches warm, connections open), discarding timings. */
export async function warmUp(url: string, count: number, next: () => NextRequest, headers = {}) {
  for (let i = 0; i < count; i++) {
    const request = next();
    const response = await fetch(new URL(request.path, url), {
      method: request.method ?? "GET",
      body: request.body,
      headers: { ...headers, ...request.headers },
      redirect: "manual",
    });
    await response.arrayBuffer();
  }
}
