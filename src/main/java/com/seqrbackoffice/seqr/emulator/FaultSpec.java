package com.seqrbackoffice.seqr.emulator;

/**
 * A fault injected into one SOAP operation. JSON shape of {@code PUT /emulator/admin/faults} and of the
 * {@code seqr.emulator.faults} setting.
 *
 * @param operation     the operation name as in the WSDL, e.g. {@code commitReservation}
 * @param latencyMillis added before the operation runs
 * @param soapFault     answer a SOAP fault instead of running the operation
 * @param resultCode    answer this resultCode instead of running the operation (null: none)
 * @param dropResponse  run the operation, then hold the response for {@code holdMillis} so that the client
 *                      times out: the state changes but the caller does not learn of it
 * @param holdMillis    how long a dropped response is held (null: {@link #DEFAULT_HOLD_MILLIS})
 * @param failNext      the fault applies to this many calls and then clears itself (null: every call)
 * @param share         the fault applies to this share of the calls (above 0, at most 1), drawn at random per call,
 *                      so that some calls are faulted and the others not (null: every call); with failNext, only
 *                      the calls it applies to count down
 */
public record FaultSpec(String operation, long latencyMillis, boolean soapFault, Integer resultCode,
                        boolean dropResponse, Long holdMillis, Integer failNext, Double share) {

    /**
     * Above the poll's receive timeout (800 ms) and the tests' 1.5 s for the other operations, well below a test's
     * patience; an operation with a longer receive timeout just sees a slow answer.
     */
    public static final long DEFAULT_HOLD_MILLIS = 5_000;

    public FaultSpec {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("A fault needs an operation");
        }
        if (latencyMillis < 0 || (holdMillis != null && holdMillis < 0)) {
            throw new IllegalArgumentException("Negative delay in fault for " + operation);
        }
        if (failNext != null && failNext < 1) {
            throw new IllegalArgumentException("failNext must be at least 1 (or absent for every call)");
        }
        if (share != null && !(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be above 0 and at most 1 (or absent for every call)");
        }
        if (soapFault && resultCode != null) {
            throw new IllegalArgumentException("A fault answers either a SOAP fault or a resultCode, not both");
        }
    }

    public static FaultSpec latency(String operation, long millis) {
        return new FaultSpec(operation, millis, false, null, false, null, null, null);
    }

    public static FaultSpec soapFault(String operation, Integer failNext) {
        return new FaultSpec(operation, 0, true, null, false, null, failNext, null);
    }

    public static FaultSpec resultCode(String operation, int resultCode, Integer failNext) {
        return new FaultSpec(operation, 0, false, resultCode, false, null, failNext, null);
    }

    public static FaultSpec dropResponse(String operation, long holdMillis, Integer failNext) {
        return new FaultSpec(operation, 0, false, null, true, holdMillis, failNext, null);
    }

    /** The same fault on a random {@code share} of the calls only. */
    public FaultSpec onShare(double shareOfCalls) {
        return new FaultSpec(operation, latencyMillis, soapFault, resultCode, dropResponse, holdMillis, failNext,
                shareOfCalls);
    }

    public long effectiveHoldMillis() {
        return holdMillis != null ? holdMillis : DEFAULT_HOLD_MILLIS;
    }
}
