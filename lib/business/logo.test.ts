import { describe, expect, it } from "vitest";
import { jpegHeader, solidPng } from "@/tests/support/images";
import { checkLogo, LOGO_MAX_BYTES } from "./logo";

describe("checkLogo", () => {
  it("accepts a PNG and reads its size from the header", () => {
    expect(checkLogo(solidPng(120, 40))).toEqual({ ok: true, type: "image/png", width: 120, height: 40 });
  });

  it("accepts a JPEG and reads its size from the frame header", () => {
    expect(checkLogo(jpegHeader(300, 100))).toEqual({
      ok: true,
      type: "image/jpeg",
      width: 300,
      height: 100,
    });
  });

  it("refuses files that are not images, whatever they are called", () => {
    for (const bytes of [
      Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"),
      Buffer.from("%PDF-1.7"),
      Buffer.from("GIF89a"),
    ]) {
      expect(checkLogo(bytes)).toEqual({ ok: false, message: "The logo must be a PNG or JPEG image." });
    }
    expect(checkLogo(new Uint8Array())).toMatchObject({ ok: false, message: "The file is empty." });
  });

  it("refuses a file over the size limit before looking further", () => {
    const big = Buffer.concat([solidPng(20, 20), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(checkLogo(big)).toMatchObject({ ok: false, message: expect.stringContaining("at most 512 kB") });
  });

  it("refuses a truncated image whose size cannot be read", () => {
    expect(checkLogo(solidPng(40, 40).subarray(0, 14))).toMatchObject({
      ok: false,
      message: expect.stringContaining("damaged"),
    });
    expect(checkLogo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toMatchObject({ ok: false });
  });

  it("refuses images too large or too small in pixels (a decompression bomb is small in bytes)", () => {
    expect(checkLogo(jpegHeader(60_000, 60_000))).toMatchObject({
      ok: false,
      message: expect.stringContaining("4000 × 4000"),
    });
    const header = solidPng(20, 20);
    header.writeUInt32BE(100_000, 16);
    expect(checkLogo(header)).toMatchObject({ ok: false, message: expect.stringContaining("100000 × 20") });
    expect(checkLogo(solidPng(8, 8))).toMatchObject({
      ok: false,
      message: expect.stringContaining("at least 16"),
    });
  });
});
