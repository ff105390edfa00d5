// Just enough MIME to read what nodemailer sends: folded headers, RFC 2047 encoded words, one level of
// multipart, quoted-printable and base64 bodies. Tests read the real bytes the SMTP server received.

export type MimePart = { headers: Map<string, string>; rawHeaders: string; body: string };

export type ReceivedMail = {
  raw: string;
  envelope: { from: string; to: string[] };
  headers: Map<string, string>;
  /** The header block as sent, after unfolding: one header per line. */
  headerLines: string[];
  subject: string;
  from: string;
  to: string;
  replyTo: string | undefined;
  text: string;
  html: string;
  /** Parts sent as attachments, decoded to bytes. */
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

function bytesFromHexEscapes(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes);
}

export function decodeQuotedPrintable(value: string): string {
  return bytesFromHexEscapes(value.replace(/=\r?\n/g, "")).toString("utf8");
}

export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_match, _charset: string, encoding: string, text: string) =>
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64").toString("utf8")
          : bytesFromHexEscapes(text.replaceAll("_", " ")).toString("utf8"),
    );
}

function splitHeaders(source: string): { lines: string[]; body: string } {
  const end = source.search(/\r?\n\r?\n/);
  const block = end === -1 ? source : source.slice(0, end);
  const body = end === -1 ? "" : source.slice(end).replace(/^\r?\n\r?\n/, "");
  const lines = block.split(/\r?\n(?![ \t])/).map((line) => line.replace(/\r?\n[ \t]+/g, " "));
  return { lines, body };
}

function headerMap(lines: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

function parts(headers: Map<string, string>, body: string): MimePart[] {
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith("multipart/") || !boundary) return [{ headers, rawHeaders: "", body }];
  const chunks = body.split(`--${boundary}`).slice(1);
  return chunks
    .filter((chunk) => !chunk.startsWith("--"))
    .flatMap((chunk) => {
      const { lines, body: partBody } = splitHeaders(chunk.replace(/^\r?\n/, ""));
      const partHeaders = headerMap(lines);
      return parts(partHeaders, partBody);
    });
}

export function parseMail(raw: string, envelope: ReceivedMail["envelope"]): ReceivedMail {
  const { lines, body } = splitHeaders(raw);
  const headers = headerMap(lines);
  const leaves = parts(headers, body);
  const partOf = (mime: string) => {
    const part = leaves.find((p) => (p.headers.get("content-type") ?? "text/plain").startsWith(mime));
    return part ? decodeBody(part.headers, part.body).replace(/\r\n/g, "\n") : "";
  };
  return {
    raw,
    envelope,
    headers,
    headerLines: lines,
    subject: decodeWords(headers.get("subject") ?? ""),
    from: decodeWords(headers.get("from") ?? ""),
    to: decodeWords(headers.get("to") ?? ""),
    replyTo: headers.has("reply-to") ? decodeWords(headers.get("reply-to") ?? "") : undefined,
    text: partOf("text/plain"),
    html: partOf("text/html"),
    attachments: leaves
      .filter((p) => (p.headers.get("content-disposition") ?? "").toLowerCase().startsWith("attachment"))
      .map((p) => ({
        filename: /filename="?([^";]+)"?/i.exec(p.headers.get("content-disposition") ?? "")?.[1] ?? "",
        contentType: (p.headers.get("content-type") ?? "").split(";")[0] ?? "",
        content:
          (p.headers.get("content-transfer-encoding") ?? "").toLowerCase() === "base64"
            ? Buffer.from(p.body.replace(/\s+/g, ""), "base64")
            : Buffer.from(p.body, "latin1"),
      })),
  };
}
