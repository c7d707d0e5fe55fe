package com.seqrbackoffice.seqr.emulator;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SEQR's result codes (API.md §6). The wire {@code resultDescription} is the constant name; the code list is
 * ERSWSResultCodes from the official client jar, so that an injected fault can answer any of them by name.
 */
public enum ResultCode {
    SUCCESS(0),
    PENDING_APPROVAL(1),
    REPORT_NOT_READY(2),
    REJECTED_BUSINESS_LOGIC(10),
    REJECTED_AMOUNT(11),
    REJECTED_PAYMENT(12),
    REJECTED_TOPUP(13),
    AUTHENTICATION_FAILED(20),
    ACCESS_DENIED(21),
    INVALID_NEW_PASSWORD(22),
    INVALID_ERS_REFERENCE(23),
    INVALID_INITIATOR_PRINCIPAL_ID(29),
    INVALID_RECEIVER_PRINCIPAL_ID(30),
    INVALID_SENDER_PRINCIPAL_ID(31),
    INVALID_TOPUP_PRINCIPAL_ID(32),
    INVALID_INITIATOR_PRINCIPAL_STATE(33),
    INVALID_RECEIVER_PRINCIPAL_STATE(34),
    INVALID_SENDER_PRINCIPAL_STATE(35),
    INVALID_TOPUP_PRINCIPAL_STATE(36),
    INITIATOR_PRINCIPAL_NOT_FOUND(37),
    RECEIVER_PRINCIPAL_NOT_FOUND(38),
    SENDER_PRINCIPAL_NOT_FOUND(39),
    TOPUP_PRINCIPAL_NOT_FOUND(40),
    INVALID_PRODUCT(41),
    INVALID_RECEIVER_ACCOUNT_TYPE(42),
    INVALID_SENDER_ACCOUNT_TYPE(43),
    INVALID_TOPUP_ACCOUNT_TYPE(44),
    RECEIVER_ACCOUNT_NOT_FOUND(45),
    SENDER_ACCOUNT_NOT_FOUND(46),
    TOPUP_ACCOUNT_NOT_FOUND(47),
    PAYMENT_IN_PROGRESS(48),
    INVALID_INVOICE_DATA(49),
    CANNOT_CANCEL_PAID_INVOICE(50),
    CANNOT_CANCEL_INVOICE_IN_PROGRESS(51),
    INVALID_CUSTOMER(52),
    INVALID_SEQR_ID(53),
    INVALID_INVOICE_REFERENCE(54),
    PAYMENT_ALREADY_CANCELLED(55),
    REGISTRATION_NOT_POSSIBLE(56),
    REGISTRATION_PRINCIPAL_ALREADY_EXISTS(57),
    PAYMENT_EXPIRED(58),
    AUTHORIZATION_EXPIRED(60),
    AUTHORIZATION_CANCELLED(61),
    AUTHORIZATION_IN_PROGRESS(62),
    INVALID_AUTHORIZATION_REFERENCE(63),
    INVALID_NOTIFICATION_URL(64),
    SYSTEM_ERROR(90),
    UNSUPPORTED_OPERATION(91),
    LICENSE_REJECTION(92),
    SYSTEM_BUSY(93),
    SERVICE_UNAVAILABLE(94),
    INVOICE_ALREADY_CANCELED(95),
    INVOICE_STATE_NOT_RESERVED(96),
    RESELLER_NOT_ALLOWED_TO_DO_REFUND(97),
    SUM_OF_REFUNDS_CAN_NOT_BE_MORE_THAN_ORIGINAL_TRANSACTION(98),
    RECEIVER_ACCOUNT_DOES_NOT_ALLOW_REFUNDS(99);

    private static final Map<Integer, ResultCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ResultCode::code, Function.identity()));

    private final int code;

    ResultCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The text SEQR puts in {@code resultDescription}, also for codes this enum does not know. */
    public static String describe(int code) {
        ResultCode known = BY_CODE.get(code);
        return known != null ? known.name() : "UNKNOWN ERSWSResultCode =" + code;
    }
}
