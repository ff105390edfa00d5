import { disputeStatus as disputeStatusEnum } from "@/db/schema/enums";

export type DisputeStatus = (typeof disputeStatusEnum.enumValues)[number];

const STATUSES: readonly string[] = disputeStatusEnum.enumValues;

// needs a response < under review < closed; an inquiry (warning_*) may escalate to a chargeback.
const RANK: Record<DisputeStatus, number> = {
  warning_needs_response: 0,
  needs_response: 0,
  warning_under_review: 1,
  under_review: 1,
  warning_closed: 2,
  won: 2,
  lost: 2,
  prevented: 2,
};

export function isDisputeClosed(status: DisputeStatus): boolean {
  return RANK[status] === 2;
}

/** Forward only, so an older read applied late cannot reopen a closed dispute. */
export function canDisputeMoveTo(from: DisputeStatus, to: DisputeStatus): boolean {
  if (from === to) return false;
  if (RANK[to] > RANK[from]) return true;
  return RANK[to] === RANK[from] && from.startsWith("warning_") && !to.startsWith("warning_");
}

export function disputeStatus(status: string): DisputeStatus {
  if (STATUSES.includes(status)) return status as DisputeStatus;
  throw new Error(`unknown dispute status ${status}`);
}
