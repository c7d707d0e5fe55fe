package com.seqrbackoffice.seqr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.apache.cxf.message.MessageContentsList;
import org.junit.jupiter.api.Test;

import com.seqrbackoffice.seqr.api.ErswsResponse;

/** What a result code means for the operation that answered it: one test per outcome and per exception. */
class SeqrResultMeaningTest {

    @Test
    void zeroIsSuccessForEveryOperation() {
        assertThat(SeqrResultMeaning.of("refundPayment", 0)).isEqualTo(SeqrResultMeaning.SUCCESS);
    }

    @Test
    void aTransientCodeIsNotDone() {
        assertThat(SeqrResultMeaning.of("commitReservation", 90)).isEqualTo(SeqrResultMeaning.NOT_DONE);
        assertThat(SeqrResultMeaning.of("refundPayment", 93)).isEqualTo(SeqrResultMeaning.NOT_DONE);
        assertThat(SeqrResultMeaning.of("sendInvoice", 48)).isEqualTo(SeqrResultMeaning.NOT_DONE);
    }

    @Test
    void systemErrorOnARefundLeavesItsOutcomeUnknown() {
        assertThat(SeqrResultMeaning.of("refundPayment", 90)).isEqualTo(SeqrResultMeaning.OUTCOME_UNKNOWN);

        Throwable thrown = catchThrowable(() -> SeqrResults.check("refundPayment",
                new MessageContentsList(response(90))));

        assertThat(thrown).isInstanceOf(SeqrUnknownOutcomeException.class)
                .hasMessageContaining("refundPayment").hasMessageContaining("90 SYSTEM_ERROR");
    }

    @Test
    void aCancelRefusedWhileThePaymentIsInProgressIsNotDone() {
        assertThat(SeqrResultMeaning.of("cancelInvoice", 51)).isEqualTo(SeqrResultMeaning.NOT_DONE);
        assertThat(catchThrowable(() -> SeqrResults.check("cancelInvoice", new MessageContentsList(response(51)))))
                .isInstanceOfSatisfying(SeqrTransientException.class, e -> assertThat(e.getCode()).isEqualTo(51));
    }

    @Test
    void otherCodesAreRefused() {
        assertThat(SeqrResultMeaning.of("commitReservation", 51)).isEqualTo(SeqrResultMeaning.REFUSED);
        assertThat(SeqrResultMeaning.of("refundPayment", 98)).isEqualTo(SeqrResultMeaning.REFUSED);
        assertThat(SeqrResultMeaning.of("cancelInvoice", 59)).as("a code SEQR never documented")
                .isEqualTo(SeqrResultMeaning.REFUSED);
    }

    private static ErswsResponse response(int code) {
        ErswsResponse response = new ErswsResponse();
        response.setResultCode(code);
        response.setResultDescription(SeqrResultCode.nameOf(code));
        return response;
    }
}
