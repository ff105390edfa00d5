// A logo is accepted by what it is, not what it is called: a PNG or JPEG signature, a size limit and
// pixel limits read from the image's own header. Pure: no I/O.

export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_MAX_PIXELS = 4000;
export const LOGO_MIN_PIXELS = 16;

export type LogoCheck =
  | { ok: true; type: "image/png" | "image/jpeg"; width: number; height: number }
  | { ok: false; message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  // The IHDR chunk comes first: length (4), "IHDR" (4), width (4), height (4).
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== "IHDR") return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = view.getUint16(at + 2);
    // Start-of-frame markers (baseline, progressive, …) carry the size; DHT, JPG and DAC do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    if (length < 2) return null;
    at += 2 + length;
  }
  return null;
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (bytes.length === 0) return { ok: false, message: "The file is empty." };
  if (bytes.length > LOGO_MAX_BYTES) {
    return {
      ok: false,
      message: `The logo must be at most ${LOGO_MAX_BYTES / 1024} kB; this file is ${Math.ceil(bytes.length / 1024)} kB.`,
    };
  }
  let type: "image/png" | "image/jpeg";
  let size: { width: number; height: number } | null;
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    type = "image/png";
    size = pngSize(bytes);
  } else if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    type = "image/jpeg";
    size = jpegSize(bytes);
  } else {
    return { ok: false, message: "The logo must be a PNG or JPEG image." };
  }
  if (!size) return { ok: false, message: "That image is damaged or incomplete: its size cannot be read." };
  const { width, height } = size;
  if (width < LOGO_MIN_PIXELS || height < LOGO_MIN_PIXELS) {
    return {
      ok: false,
      message: `The logo must be at least ${LOGO_MIN_PIXELS} × ${LOGO_MIN_PIXELS} pixels.`,
    };
  }
  if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS) {
    return {
      ok: false,
      message: `The logo must be at most ${LOGO_MAX_PIXELS} × ${LOGO_MAX_PIXELS} pixels; this one is ${width} × ${height}.`,
    };
  }
  return { ok: true, type, width, height };
}
