import { afterEach, describe, expect, it, vi } from "vitest";
import { logger, requestIdFrom, setLogLevel, withLogContext } from "./logger";

function captured() {
  const lines: Record<string, unknown>[] = [];
  const take = (line: unknown) => lines.push(JSON.parse(String(line)) as Record<string, unknown>);
  vi.spyOn(console, "log").mockImplementation(take);
  vi.spyOn(console, "error").mockImplementation(take);
  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
  setLogLevel("info");
});

describe("logger context", () => {
  it("puts the request's id on every line it logs, across awaits, and on no line outside it", async () => {
    const lines = captured();
    setLogLevel("debug");
    logger.info("before");
    await withLogContext({ requestId: "req-1", action: "invoices.send" }, async () => {
      logger.info("first");
      await new Promise((r) => setTimeout(r, 1));
      await withLogContext({ eventId: "evt_1" }, async () => logger.warn("nested", { code: "x" }));
      logger.error("last");
    });
    logger.info("after");
    expect(lines.map((l) => [l.message, l.requestId, l.eventId])).toEqual([
      ["before", undefined, undefined],
      ["first", "req-1", undefined],
      ["nested", "req-1", "evt_1"],
      ["last", "req-1", undefined],
      ["after", undefined, undefined],
    ]);
  });

  it("keeps two concurrent requests' ids apart", async () => {
    const lines = captured();
    await Promise.all(
      ["a", "b"].map((id) =>
        withLogContext({ requestId: id }, async () => {
          await new Promise((r) => setTimeout(r, id === "a" ? 5 : 1));
          logger.info(`done ${id}`);
        }),
      ),
    );
    expect(lines.map((l) => [l.message, l.requestId]).sort()).toEqual([
      ["done a", "a"],
      ["done b", "b"],
    ]);
  });

  it("redacts the context's strings too", () => {
    const lines = captured();
    withLogContext({ requestId: "r1", note: "buyer@example.com paid pi_1_secret_abc" }, () =>
      logger.info("x"),
    );
    expect(lines[0]?.note).toBe("[email] paid [client secret]");
  });

  it("takes a proxy's X-Request-Id only when it is sane", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "lb-1234abcd" }))).toBe("lb-1234abcd");
    for (const bad of ["short", "has spaces in it", `x${"y".repeat(200)}`, "<script>alert(1)</script>"]) {
      expect(requestIdFrom(new Headers({ "x-request-id": bad }))).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom()).not.toBe(requestIdFrom());
  });
});
