package com.seqrbackoffice.payments;

import java.time.Instant;

/**
 * One pending getPaymentStatus call, as a message on {@code seqr.status.polls} delivered when it is due. It
 * carries what the poll needs without reading the ledger: the last version seen and when to give up. The
 * sequence number makes each poll's broker duplicate id, so a poll re-sent after a crash is dropped.
 */
public record StatusPoll(String orderId, String terminalId, String invoiceReference, int version, long sequence,
                         Instant confirmDeadline) {

    public StatusPoll next(int seenVersion) {
        return new StatusPoll(orderId, terminalId, invoiceReference, seenVersion, sequence + 1, confirmDeadline);
    }

    public String duplicateId() {
        return orderId + ":poll:" + sequence;
    }

    public String json() {
        return Json.write(this);
    }

    /** The poll in a message; one that cannot be read is refused, since asking SEQR again would not help it. */
    public static StatusPoll fromJson(String json) {
        StatusPoll poll;
        try {
            poll = Json.read(json == null ? "" : json, StatusPoll.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("MALFORMED_MESSAGE", "the status poll is not readable: " + e.getMessage());
        }
        if (poll == null || poll.orderId() == null || poll.terminalId() == null || poll.invoiceReference() == null
                || poll.confirmDeadline() == null) {
            throw new InvalidMessageException("MALFORMED_MESSAGE",
                    "the status poll lacks its order, terminal, invoice reference or deadline: " + json);
        }
        return poll;
    }
}
