import "server-only";
import type { Database } from "@/db/client";
import {
  advanceInvoiceSequence,
  getLastInvoiceSequence,
  setBusinessLogo,
  upsertBusinessProfile,
} from "@/db/queries/business-profiles";
import { renderDocumentPdf } from "@/lib/documents/renderer";
import { sampleDocument } from "@/lib/documents/sample";
import { AppError } from "@/lib/errors";
import { checkLogo } from "./logo";
import type { BusinessProfileFields } from "./schema";

export async function saveBusinessProfile(db: Database, userId: string, fields: BusinessProfileFields) {
  const { nextInvoiceNumber, ...values } = fields;
  await db.transaction(async (tx) => {
    const last = await getLastInvoiceSequence(tx, userId);
    if (
      nextInvoiceNumber !== last + 1 &&
      !(await advanceInvoiceSequence(tx, { userId, next: nextInvoiceNumber }))
    ) {
      throw new AppError("validation", "Please correct the highlighted fields.", {
        fieldErrors: {
          nextInvoiceNumber: [
            `Invoice ${last} has already been issued: the next number must be ${last + 1} or higher, so no number is used twice.`,
          ],
        },
      });
    }
    await upsertBusinessProfile(tx, { userId, values });
  });
}

/**
 * Stores a logo after checking it by content and by laying out a sample document with it, so an image
 * that only looks like a PNG is refused here rather than breaking every later PDF.
 */
export async function saveBusinessLogo(db: Database, userId: string, bytes: Uint8Array) {
  const check = checkLogo(bytes);
  if (!check.ok) throw new AppError("validation", check.message, { fieldErrors: { logo: [check.message] } });
  try {
    await renderDocumentPdf({ ...sampleDocument(), hasLogo: true }, bytes);
  } catch {
    const message = "That image is damaged or in a form we cannot print. Save it again as PNG or JPEG.";
    throw new AppError("validation", message, { fieldErrors: { logo: [message] } });
  }
  await setBusinessLogo(db, { userId, logo: bytes, logoType: check.type });
}

export async function removeBusinessLogo(db: Database, userId: string) {
  await setBusinessLogo(db, { userId, logo: null, logoType: null });
}
