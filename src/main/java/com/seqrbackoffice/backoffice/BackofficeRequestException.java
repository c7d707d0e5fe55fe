package com.seqrbackoffice.backoffice;

/**
 * A back-office HTTP request the app refuses, with the HTTP status and the code its JSON answer carries: the
 * route's error policy ({@code backoffice-http-errors}) turns it into {@code {"error": code, "message": ...}}.
 */
public final class BackofficeRequestException extends RuntimeException {

    private final int status;
    private final String code;

    private BackofficeRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static BackofficeRequestException badRequest(String code, String message) {
        return new BackofficeRequestException(400, code, message);
    }

    public static BackofficeRequestException notFound(String code, String message) {
        return new BackofficeRequestException(404, code, message);
    }

    public static BackofficeRequestException conflict(String code, String message) {
        return new BackofficeRequestException(409, code, message);
    }

    public int getStatus() {
        return status;
    }

    public String getCode() {
        return code;
    }
}
