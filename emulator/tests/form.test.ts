import { describe, expect, it } from "vitest";
import { encodeForm, parseForm } from "../core/form";

describe("Stripe's form encoding", () => {
  it("parses brackets, indexed and empty array markers", () => {
    const body =
      "amount=100&metadata[a]=1&expand[0]=latest_charge&expand[1]=payment_method&types[]=x&types[]=y&payment_method_data[card][number]=4242";
    expect(parseForm(body)).toEqual({
      amount: "100",
      metadata: { a: "1" },
      expand: ["latest_charge", "payment_method"],
      types: ["x", "y"],
      payment_method_data: { card: { number: "4242" } },
    });
  });

  it("round-trips through encodeForm", () => {
    const value = { a: "1", nested: { b: "2", list: ["x", "y"] }, empty: "" };
    expect(parseForm(encodeForm(value))).toEqual(value);
  });
});
