"""A dispute's stage: what its badge says and in which colour, for the buyer, the supplier,
the operator and the API alike.

The status table keeps one `supplier_countered` status for both of the supplier's answers
that leave the buyer to act (a counter-offer and a contest: the same verbs follow, the same
timer runs); the stage tells them apart by `supplier_response`, so a contested dispute never
reads "Supplier counter-offered".
"""

from typing import Final

from tradebridge.payments.enums import DisputeStage, DisputeStatus, SupplierResponse

# The badge modifier of each stage (`badge--<tone>` on the site, `dispute-stage--<tone>` in
# the admin): a contest is the only red one, so it stands apart from a counter-offer.
STAGE_TONES: Final[dict[DisputeStage, str]] = {
    DisputeStage.AWAITING_SUPPLIER: "warning",
    DisputeStage.SUPPLIER_COUNTERED: "accent",
    DisputeStage.SUPPLIER_CONTESTED: "danger",
    DisputeStage.ESCALATED: "escalated",
    DisputeStage.RESOLVED: "success",
    DisputeStage.WITHDRAWN: "neutral",
}


def dispute_stage(*, status: str, supplier_response: str) -> DisputeStage:
    """The stage of a dispute in `status` whose supplier answered `supplier_response` ("" when
    silent). Raises ValueError for a status that is not a `DisputeStatus`."""
    current = DisputeStatus(status)
    if (
        current == DisputeStatus.SUPPLIER_COUNTERED
        and supplier_response == SupplierResponse.CONTEST
    ):
        return DisputeStage.SUPPLIER_CONTESTED
    return DisputeStage(current.value)


def stage_tone(stage: DisputeStage) -> str:
    return STAGE_TONES[stage]
