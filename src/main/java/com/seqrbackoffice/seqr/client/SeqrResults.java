package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ErswsResponse;
import org.apache.cxf.interceptor.Fault;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;

/**
 * The one place that decides what a SEQR answer or failure means. {@code cxf:bean:seqr} applies it to every
 * call (see {@link SeqrEndpoints}), so routes see either a successful typed response or a {@link SeqrException}.
 */
public final class SeqrResults {

    private SeqrResults() {
    }

    /**
     * Returns the response inside a camel-cxf reply (a MessageContentsList whose first element is the
     * operation's {@code return}) when its resultCode is SUCCESS; otherwise throws what the code means for the
     * operation ({@link SeqrResultMeaning}): {@link SeqrTransientException}, {@link SeqrUnknownOutcomeException}
     * or {@link SeqrPermanentException}.
     */
    public static ErswsResponse check(String operation, Object reply) {
        ErswsResponse response = unwrap(operation, reply);
        int code = response.getResultCode();
        String description = response.getResultDescription();
        return switch (SeqrResultMeaning.of(operation, code)) {
            case SUCCESS -> response;
            case NOT_DONE -> throw new SeqrTransientException(operation, code, description);
            case OUTCOME_UNKNOWN -> throw new SeqrUnknownOutcomeException(operation, code, description);
            case REFUSED -> throw new SeqrPermanentException(operation, code, description);
        };
    }

    /**
     * What a failed call means. A connection that could not be opened never carried the request, so it is
     * transient; any other transport or SOAP failure happened after the request may have reached SEQR, so its
     * outcome is unknown. Failures that are not SEQR's (a bug before the call) are returned unchanged.
     */
    public static Exception classify(String operation, Exception failure) {
        if (failure instanceof SeqrException) {
            return failure;
        }
        boolean seqrCall = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return new SeqrTransientException(operation, cause);
            }
            seqrCall |= cause instanceof IOException || cause instanceof Fault;
            if (cause.getCause() == cause) {
                break;
            }
        }
        return seqrCall ? new SeqrUnknownOutcomeException(operation, failure) : failure;
    }

    private static ErswsResponse unwrap(String operation, Object reply) {
        Object value = reply instanceof List<?> list && !list.isEmpty() ? list.get(0) : reply;
        if (value instanceof Object[] array && array.length > 0) {
            value = array[0];
        }
        if (value instanceof ErswsResponse response) {
            return response;
        }
        // An answer SEQR's schema does not allow: treated like a garbled reply, the call may have been carried out
        throw new SeqrUnknownOutcomeException(operation, new IllegalStateException(
                "reply is not a SEQR response: " + (value == null ? "null" : value.getClass().getName())));
    }
}
