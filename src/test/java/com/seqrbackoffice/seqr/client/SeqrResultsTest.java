package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ErswsResponse;
import com.seqrbackoffice.seqr.api.ErswsSendInvoiceResponse;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.MessageContentsList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.xml.namespace.QName;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SeqrResultsTest {

    @Test
    void onlyTheDocumentedRetryableCodesAreTransient() {
        Set<Integer> transientCodes = Arrays.stream(SeqrResultCode.values())
                .filter(SeqrResultCode::isTransient)
                .map(SeqrResultCode::code)
                .collect(Collectors.toSet());

        assertThat(transientCodes).containsExactlyInAnyOrder(2, 48, 90, 93, 94);
    }

    @Test
    void everyCodeOfApiDocumentSectionSixIsKnownByItsName() {
        assertThat(SeqrResultCode.values()).hasSize(56);
        assertThat(SeqrResultCode.of(96)).contains(SeqrResultCode.INVOICE_STATE_NOT_RESERVED);
        assertThat(SeqrResultCode.nameOf(98)).isEqualTo("SUM_OF_REFUNDS_CAN_NOT_BE_MORE_THAN_ORIGINAL_TRANSACTION");
        assertThat(SeqrResultCode.nameOf(59)).isEqualTo("UNKNOWN ERSWSResultCode =59");
    }

    @Test
    void successReturnsTheResponseFromTheCxfReply() {
        ErswsSendInvoiceResponse response = response(new ErswsSendInvoiceResponse(), 0);
        response.setInvoiceReference("1397222701693");

        ErswsResponse checked = SeqrResults.check("sendInvoice", new MessageContentsList(response));

        assertThat(checked).isSameAs(response);
    }

    @ParameterizedTest
    @EnumSource(value = SeqrResultCode.class, names = "SUCCESS", mode = EnumSource.Mode.EXCLUDE)
    void everyFailureCodeIsClassifiedWithItsCodeNameAndOperation(SeqrResultCode code) {
        Throwable thrown = catchThrowableOfType(SeqrException.class,
                () -> SeqrResults.check("commitReservation",
                        new MessageContentsList(response(new ErswsResponse(), code.code()))));

        assertThat(thrown).isInstanceOf(code.isTransient() ? SeqrTransientException.class
                : SeqrPermanentException.class);
        assertThat(((SeqrException) thrown).getOperation()).isEqualTo("commitReservation");
        assertThat(thrown.getMessage()).contains("commitReservation", " " + code.code() + " ", code.name());
        if (thrown instanceof SeqrPermanentException permanent) {
            assertThat(permanent.getCode()).isEqualTo(code.code());
            assertThat(permanent.getCodeName()).isEqualTo(code.name());
        } else {
            assertThat(((SeqrTransientException) thrown).getCode()).isEqualTo(code.code());
            assertThat(((SeqrTransientException) thrown).getCodeName()).isEqualTo(code.name());
        }
    }

    @Test
    void anUndocumentedCodeIsPermanent() {
        assertThatThrownBy(() -> SeqrResults.check("cancelInvoice", response(new ErswsResponse(), 59)))
                .isInstanceOfSatisfying(SeqrPermanentException.class,
                        e -> assertThat(e.getCode()).isEqualTo(59));
    }

    @Test
    void aReplyThatIsNoSeqrResponseHasAnUnknownOutcome() {
        assertThatThrownBy(() -> SeqrResults.check("commitReservation", new MessageContentsList()))
                .isInstanceOf(SeqrUnknownOutcomeException.class);
    }

    @Test
    void aConnectionThatCouldNotBeOpenedIsTransientBecauseNothingWasSent() {
        Exception refused = new Fault(new IOException("Could not send Message.", new ConnectException("refused")));
        Exception connectTimeout = new Fault(new HttpConnectTimeoutException("HTTP connect timed out"));

        assertThat(SeqrResults.classify("commitReservation", refused))
                .isInstanceOfSatisfying(SeqrTransientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(SeqrTransientException.NOT_DELIVERED));
        assertThat(SeqrResults.classify("commitReservation", connectTimeout))
                .isInstanceOf(SeqrTransientException.class);
    }

    @Test
    void aReceiveTimeoutOrASoapFaultLeavesTheOutcomeUnknown() {
        Exception timeout = new Fault(new SocketTimeoutException("Read timed out"));
        Exception soapFault = new SoapFault("boom", new QName("http://schemas.xmlsoap.org/soap/envelope/", "Server"));

        assertThat(SeqrResults.classify("commitReservation", timeout))
                .isInstanceOf(SeqrUnknownOutcomeException.class)
                .hasMessageContaining("commitReservation");
        assertThat(SeqrResults.classify("refundPayment", soapFault)).isInstanceOf(SeqrUnknownOutcomeException.class);
    }

    @Test
    void aFailureThatIsNotSeqrsIsLeftAsItIs() {
        IllegalArgumentException bug = new IllegalArgumentException("wrong parameter count");

        assertThat(SeqrResults.classify("sendInvoice", bug)).isSameAs(bug);
    }

    private static <T extends ErswsResponse> T response(T response, int code) {
        response.setResultCode(code);
        response.setResultDescription(SeqrResultCode.nameOf(code));
        return response;
    }
}
