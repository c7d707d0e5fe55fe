package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ClientContext;
import com.seqrbackoffice.seqr.api.PrincipalId;

import java.util.Objects;
import java.util.UUID;

/** Builds the {@code context} every SEQR operation starts with. */
public final class SeqrContexts {

    /** Principal type of payment and terminal calls: the id is SEQR's terminal id. */
    public static final String TERMINAL_PRINCIPAL = "TERMINALID";
    /** Principal type SEQR demands for registerTerminal, markTransactionPeriod and executeReport. */
    public static final String RESELLER_PRINCIPAL = "RESELLERUSER";

    private final SeqrClientSettings settings;

    public SeqrContexts(SeqrClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Context of a payment or terminal call, authenticated as the terminal. */
    public ClientContext terminal(TerminalCredentials terminal) {
        PrincipalId principal = new PrincipalId();
        principal.setId(terminal.seqrTerminalId());
        principal.setType(TERMINAL_PRINCIPAL);
        return context(principal, terminal.password());
    }

    /** Context of registerTerminal, markTransactionPeriod and executeReport, authenticated as the reseller user. */
    public ClientContext reseller() {
        PrincipalId principal = new PrincipalId();
        principal.setId(settings.resellerId());
        principal.setType(RESELLER_PRINCIPAL);
        principal.setUserId(settings.resellerUserId());
        return context(principal, settings.resellerPassword());
    }

    private ClientContext context(PrincipalId principal, String password) {
        ClientContext context = new ClientContext();
        context.setChannel(settings.channel());
        context.setClientId(settings.clientId());
        context.setClientReference(newClientReference());
        // SEQR's documentation: "Must be set to 0"; the client's own timeouts live on the HTTP conduit
        context.setClientRequestTimeout(0L);
        context.setInitiatorPrincipalId(principal);
        context.setPassword(password);
        return context;
    }

    /**
     * SEQR never checks clientReference but asks for a unique one per call for troubleshooting, at most 32
     * characters: a UUID without its dashes is exactly 32 and unique across instances.
     */
    static String newClientReference() {
        UUID uuid = UUID.randomUUID();
        return String.format("%016x%016x", uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }
}
