package com.seqrbackoffice.seqr.emulator;

import com.seqrbackoffice.seqr.api.Amount;
import com.seqrbackoffice.seqr.api.ClientContext;
import com.seqrbackoffice.seqr.api.CustomerToken;
import com.seqrbackoffice.seqr.api.ERSWSExternalClientService;
import com.seqrbackoffice.seqr.api.ErswsExecuteReportResponse;
import com.seqrbackoffice.seqr.api.ErswsMarkTransactionPeriodResponse;
import com.seqrbackoffice.seqr.api.ErswsPaymentStatusResponse;
import com.seqrbackoffice.seqr.api.ErswsPrincipalInformationResponse;
import com.seqrbackoffice.seqr.api.ErswsPurchaseResponse;
import com.seqrbackoffice.seqr.api.ErswsRegisterTerminalResponse;
import com.seqrbackoffice.seqr.api.ErswsResponse;
import com.seqrbackoffice.seqr.api.ErswsSendInvoiceResponse;
import com.seqrbackoffice.seqr.api.ErswsTopupResponse;
import com.seqrbackoffice.seqr.api.ErswsTransferResponse;
import com.seqrbackoffice.seqr.api.Invoice;
import com.seqrbackoffice.seqr.api.ParameterMap;
import com.seqrbackoffice.seqr.api.PrincipalAccountSpecifier;
import com.seqrbackoffice.seqr.api.PrincipalId;
import com.seqrbackoffice.seqr.api.PurchaseOrderRow;
import com.seqrbackoffice.seqr.api.ReceiptDocument;
import com.seqrbackoffice.seqr.client.SeqrResultCode;
import com.seqrbackoffice.seqr.emulator.Counters.InvoiceCall;
import jakarta.jws.WebService;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOAP face of the emulator: counts every call, applies injected faults, then lets {@link SeqrBackend} do the
 * work. Refusals come back as a resultCode in a normal response, as SEQR answers (API.md §6).
 */
@WebService(serviceName = "ERSWSExternalClientServiceService", portName = "ERSWSExternalClientServicePort",
        targetNamespace = "http://external.interfaces.ers.seamless.com/",
        endpointInterface = "com.seqrbackoffice.seqr.api.ERSWSExternalClientService",
        wsdlLocation = "classpath:wsdl/seqr-merchant.wsdl")
public final class MerchantEndpoint implements ERSWSExternalClientService {

    private static final Logger LOG = LoggerFactory.getLogger(MerchantEndpoint.class);

    private final SeqrBackend backend;
    private final FaultInjector faults;
    private final Counters counters;
    private final StatusPollIntervals pollIntervals;
    private volatile long latencyMillis;
    /** Ended at stop, so that held (dropped) responses and latencies end with the emulator. */
    private final CallPauses pauses;

    MerchantEndpoint(SeqrBackend backend, FaultInjector faults, Counters counters, StatusPollIntervals pollIntervals,
                     Duration latency, CallPauses pauses) {
        this.backend = backend;
        this.faults = faults;
        this.counters = counters;
        this.pollIntervals = pollIntervals;
        this.latencyMillis = latency.toMillis();
        this.pauses = pauses;
    }

    /** Every call from now on is answered this long after it arrives. */
    void setLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        latencyMillis = latency.toMillis();
    }

    Duration latency() {
        return Duration.ofMillis(latencyMillis);
    }

    @Override
    public ErswsRegisterTerminalResponse registerTerminal(ClientContext context, String externalTerminalId,
                                                          String password, String name) {
        return call("registerTerminal", ErswsRegisterTerminalResponse::new, () -> {
            ErswsRegisterTerminalResponse response = new ErswsRegisterTerminalResponse();
            response.setTerminalId(backend.registerTerminal(backend.authenticateReseller(context),
                    externalTerminalId, password, name));
            return response;
        });
    }

    @Override
    public ErswsResponse unregisterTerminal(ClientContext context) {
        return call("unregisterTerminal", ErswsResponse::new, () -> {
            backend.unregisterTerminal(backend.authenticateTerminal(context));
            return new ErswsResponse();
        });
    }

    @Override
    public ErswsResponse assignSeqrId(ClientContext context, String seqrId) {
        return call("assignSeqrId", ErswsResponse::new, () -> {
            backend.assignSeqrId(backend.authenticateTerminal(context), seqrId);
            return new ErswsResponse();
        });
    }

    @Override
    public ErswsSendInvoiceResponse sendInvoice(ClientContext context, Invoice invoice, List<CustomerToken> tokens) {
        return call("sendInvoice", ErswsSendInvoiceResponse::new, () -> {
            SeqrBackend.EmulatedInvoice created = backend.sendInvoice(backend.authenticateTerminal(context), invoice);
            ErswsSendInvoiceResponse response = new ErswsSendInvoiceResponse();
            response.setInvoiceReference(created.reference);
            response.setInvoiceQRCode(SeqrBackend.qrCode(created));
            return response;
        });
    }

    @Override
    public ErswsPaymentStatusResponse getPaymentStatus(ClientContext context, String invoiceReference,
                                                       int invoiceVersion) {
        return call("getPaymentStatus", ErswsPaymentStatusResponse::new,
                () -> backend.getPaymentStatus(backend.authenticateTerminal(context), invoiceReference),
                () -> pollIntervals.answeredLate(invoiceReference));
    }

    @Override
    public ErswsResponse updateInvoice(ClientContext context, String invoiceReference, Invoice invoice,
                                       List<CustomerToken> tokens) {
        return call("updateInvoice", ErswsResponse::new, () -> {
            backend.updateInvoice(backend.authenticateTerminal(context), invoiceReference, invoice);
            return new ErswsResponse();
        });
    }

    @Override
    public ErswsResponse commitReservation(ClientContext context, Amount amount, String invoiceReference) {
        counters.attempt(InvoiceCall.COMMIT, invoiceReference);
        ErswsResponse response = call("commitReservation", ErswsResponse::new, () -> {
            backend.commitReservation(backend.authenticateTerminal(context), amount, invoiceReference);
            return new ErswsResponse();
        }, () -> backend.commitResponseLost(invoiceReference));
        countAccepted(InvoiceCall.COMMIT, invoiceReference, response);
        return response;
    }

    @Override
    public ErswsResponse cancelInvoice(ClientContext context, String invoiceReference) {
        counters.attempt(InvoiceCall.CANCEL, invoiceReference);
        ErswsResponse response = call("cancelInvoice", ErswsResponse::new, () -> {
            backend.cancelInvoice(backend.authenticateTerminal(context), invoiceReference);
            return new ErswsResponse();
        });
        countAccepted(InvoiceCall.CANCEL, invoiceReference, response);
        return response;
    }

    @Override
    public ErswsResponse refundPayment(ClientContext context, String ersReference, Invoice invoice) {
        String invoiceReference = backend.invoiceReferenceOfPayment(ersReference).orElse(ersReference);
        counters.attempt(InvoiceCall.REFUND, invoiceReference);
        ErswsResponse response = call("refundPayment", ErswsResponse::new, () -> {
            ErswsResponse refunded = new ErswsResponse();
            refunded.setErsReference(backend.refundPayment(backend.authenticateTerminal(context), ersReference,
                    invoice));
            return refunded;
        });
        countAccepted(InvoiceCall.REFUND, invoiceReference, response);
        return response;
    }

    @Override
    public ErswsResponse submitPaymentReceipt(ClientContext context, String ersReference,
                                              ReceiptDocument receiptDocument) {
        return call("submitPaymentReceipt", ErswsResponse::new, () -> {
            backend.authenticateTerminal(context);
            if (backend.invoiceReferenceOfPayment(ersReference).isEmpty()) {
                throw new Refusal(SeqrResultCode.INVALID_ERS_REFERENCE, "no payment " + ersReference);
            }
            return new ErswsResponse();
        });
    }

    @Override
    public ErswsMarkTransactionPeriodResponse markTransactionPeriod(ClientContext context, ParameterMap parameters) {
        return call("markTransactionPeriod", ErswsMarkTransactionPeriodResponse::new, () -> {
            ErswsMarkTransactionPeriodResponse response = new ErswsMarkTransactionPeriodResponse();
            response.setTransactionPeriodId(backend.markTransactionPeriod(backend.authenticateReseller(context),
                    parameters));
            return response;
        });
    }

    @Override
    public ErswsExecuteReportResponse executeReport(ClientContext context, String reportId, String language,
                                                    ParameterMap parameters) {
        return call("executeReport", ErswsExecuteReportResponse::new, () -> {
            ErswsExecuteReportResponse response = new ErswsExecuteReportResponse();
            response.setReport(backend.executeReport(backend.authenticateReseller(context), reportId, language,
                    parameters));
            return response;
        });
    }

    @Override
    public ErswsResponse benchmarkingNop() {
        return call("benchmarkingNop", ErswsResponse::new, ErswsResponse::new);
    }

    // Operations of the ERS service that are not for merchants (API.md §3): SEQR's 91 UNSUPPORTED_OPERATION.

    @Override
    public ErswsResponse confirmCustomerRegistration(ClientContext context, PrincipalId principalId,
                                                     PrincipalId secondaryPrincipalId, String registrationReference) {
        return unsupported("confirmCustomerRegistration", ErswsResponse::new);
    }

    @Override
    public ErswsPrincipalInformationResponse requestPrincipalInformation(ClientContext context,
                                                                         PrincipalId principalId) {
        return unsupported("requestPrincipalInformation", ErswsPrincipalInformationResponse::new);
    }

    @Override
    public ErswsTopupResponse requestTopup(ClientContext context, PrincipalId senderPrincipalId,
                                           PrincipalId topupPrincipalId, PrincipalAccountSpecifier senderAccountSpecifier,
                                           PrincipalAccountSpecifier topupAccountSpecifier, String productId,
                                           Amount amount) {
        return unsupported("requestTopup", ErswsTopupResponse::new);
    }

    @Override
    public ErswsTransferResponse requestTransfer(ClientContext context, PrincipalId senderPrincipalId,
                                                 PrincipalId receiverPrincipalId,
                                                 PrincipalAccountSpecifier senderAccountSpecifier,
                                                 PrincipalAccountSpecifier receiverAccountSpecifier, String productId,
                                                 Amount amount) {
        return unsupported("requestTransfer", ErswsTransferResponse::new);
    }

    @Override
    public ErswsPurchaseResponse requestPurchase(ClientContext context, PrincipalId senderPrincipalId,
                                                 PrincipalId receiverPrincipalId,
                                                 PrincipalAccountSpecifier senderAccountSpecifier,
                                                 PrincipalAccountSpecifier receiverAccountSpecifier,
                                                 List<PurchaseOrderRow> purchaseOrder) {
        return unsupported("requestPurchase", ErswsPurchaseResponse::new);
    }

    @Override
    public ErswsResponse changePrincipalPassword(ClientContext context, PrincipalId principalId, String newPassword) {
        return unsupported("changePrincipalPassword", ErswsResponse::new);
    }

    private <R extends ErswsResponse> R unsupported(String operation, Supplier<R> emptyResponse) {
        return call(operation, emptyResponse, () -> {
            throw new Refusal(SeqrResultCode.UNSUPPORTED_OPERATION, operation + " is not a merchant operation");
        });
    }

    private <R extends ErswsResponse> R call(String operation, Supplier<R> emptyResponse, Supplier<R> body) {
        return call(operation, emptyResponse, body, null);
    }

    private <R extends ErswsResponse> R call(String operation, Supplier<R> emptyResponse, Supplier<R> body,
                                             Runnable onResponseLost) {
        counters.call(operation);
        pauses.pause(latencyMillis);
        FaultSpec fault = faults.take(operation);
        if (fault != null) {
            pauses.pause(fault.latencyMillis());
            if (fault.soapFault()) {
                throw new SoapFault("Injected fault for " + operation, Soap11.getInstance().getReceiver());
            }
            if (fault.resultCode() != null) {
                return withResult(emptyResponse.get(), fault.resultCode());
            }
        }
        R response;
        try {
            response = withResult(body.get(), SeqrResultCode.SUCCESS.code());
        } catch (Refusal refusal) {
            LOG.debug("{} refused with {}: {}", operation, refusal.code(), refusal.getMessage());
            response = withResult(emptyResponse.get(), refusal.code().code());
        } catch (RuntimeException bug) {
            // SEQR reports unclassified errors as 90 in a normal response, never as a SOAP fault
            LOG.error("{} failed inside the emulator", operation, bug);
            response = withResult(emptyResponse.get(), SeqrResultCode.SYSTEM_ERROR.code());
        }
        if (fault != null && fault.dropResponse()) {
            if (onResponseLost != null && response.getResultCode() == SeqrResultCode.SUCCESS.code()) {
                onResponseLost.run();
            }
            pauses.pause(fault.effectiveHoldMillis());
        }
        return response;
    }

    private void countAccepted(InvoiceCall call, String invoiceReference, ErswsResponse response) {
        if (response.getResultCode() == SeqrResultCode.SUCCESS.code()) {
            counters.accepted(call, invoiceReference);
        }
    }

    private static <R extends ErswsResponse> R withResult(R response, int code) {
        response.setResultCode(code);
        response.setResultDescription(SeqrResultCode.nameOf(code));
        return response;
    }
}
