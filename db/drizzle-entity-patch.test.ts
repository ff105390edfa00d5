import { entityKind, eq, is, SQL, sql } from "drizzle-orm";
import { PgColumn } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { payments } from "./schema";

// drizzle-orm's is() is patched (patches/drizzle-orm+0.45.4.patch, docs/decisions/0023) to work out the
// entity kinds along a class's chain once per class instead of on every call. These are the answers the
// original gives; the patch must not change any of them.
// biome-ignore lint/complexity/noStaticOnlyClass: drizzle's entities are classes that carry a static kind
class Base {
  static readonly [entityKind]: string = "TestBase";
}
class Derived extends Base {
  static readonly [entityKind]: string = "TestDerived";
}
/** Not a subclass of Base, but of the same kind: what a second copy of drizzle in a bundle looks like. */
// biome-ignore lint/complexity/noStaticOnlyClass: drizzle's entities are classes that carry a static kind
class BaseCopy {
  static readonly [entityKind]: string = "TestBase";
}
class Plain {}

describe("drizzle's is(), as patched", () => {
  it("matches by class, by an ancestor's kind, and by kind across copies of a class", () => {
    expect(is(new Derived(), Base)).toBe(true);
    expect(is(new Derived(), Derived)).toBe(true);
    expect(is(new BaseCopy(), Base)).toBe(true);
    expect(is(new Base(), Derived)).toBe(false);
    expect(is(new Plain(), Base)).toBe(false);
    // Asked twice: the cached answer is the same.
    expect(is(new Base(), Derived)).toBe(false);
    expect(is(new BaseCopy(), Base)).toBe(true);
  });

  it("answers false for what is not an object, and refuses a type that is not an entity", () => {
    expect(is(null, Base)).toBe(false);
    expect(is("text", Base)).toBe(false);
    expect(() => is(new Base(), Plain as unknown as typeof Base)).toThrow(
      /doesn't look like a Drizzle entity/,
    );
  });

  it("still tells drizzle's own entities apart", () => {
    expect(is(eq(payments.id, "x"), SQL)).toBe(true);
    expect(is(payments.id, PgColumn)).toBe(true);
    expect(is(sql`1`, PgColumn)).toBe(false);
    expect(eq(payments.id, "x")).toBeInstanceOf(SQL);
  });
});
