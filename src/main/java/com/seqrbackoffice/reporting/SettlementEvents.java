package com.seqrbackoffice.reporting;

import com.seqrbackoffice.payments.Payment;
import com.seqrbackoffice.payments.PaymentEvent;
import com.seqrbackoffice.payments.PaymentEvents;
import com.seqrbackoffice.payments.PaymentStatus;
import com.seqrbackoffice.reporting.ReconciliationSummary.Settlement;

/**
 * The event that tells a till what a reconciliation settled on its payment: PAID for a commit whose answer was lost,
 * REFUNDED for a refund that was made. A refund the reports show was not made has no event (its refund id is
 * REFUSED in the ledger, which the back office shows).
 */
public final class SettlementEvents {

    private final PaymentEvents events;

    public SettlementEvents(PaymentEvents events) {
        this.events = events;
    }

    /** Whether the till hears of the settlement. */
    public boolean isAnnounced(Settlement settlement) {
        return Settlement.COMMIT_MADE.equals(settlement.kind()) || Settlement.REFUND_MADE.equals(settlement.kind());
    }

    /** The event of an announced settlement of the payment, found in the report of period {@code periodId}. */
    public PaymentEvent event(Payment payment, Settlement settlement, String periodId) {
        return switch (settlement.kind()) {
            case Settlement.COMMIT_MADE -> events.status(payment, PaymentStatus.PAID,
                    "settled from SEQR report of period " + periodId);
            case Settlement.REFUND_MADE -> events.refunded(payment, settlement.refundId(), settlement.decimalAmount(),
                    settlement.ersReference());
            default -> throw new IllegalArgumentException("A " + settlement.kind() + " settlement is not announced");
        };
    }
}
