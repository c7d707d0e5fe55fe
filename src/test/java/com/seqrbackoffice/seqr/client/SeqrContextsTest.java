package com.seqrbackoffice.seqr.client;

import com.seqrbackoffice.seqr.api.ClientContext;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeqrContextsTest {

    static final SeqrClientSettings SETTINGS = new SeqrClientSettings("http://127.0.0.1:1/soap", 500, 800,
            "seqr-backoffice/0.1.0", "WS", "public_test_shop", "9900", "1234", false, 10);

    private final SeqrContexts contexts = new SeqrContexts(SETTINGS);

    @Test
    void paymentCallsAuthenticateAsTheTerminalWithItsPassword() {
        ClientContext context = contexts.terminal(new TerminalCredentials("87e791f9e24148a6892c52aa85bb0331", "s3cret"));

        assertThat(context.getInitiatorPrincipalId().getType()).isEqualTo("TERMINALID");
        assertThat(context.getInitiatorPrincipalId().getId()).isEqualTo("87e791f9e24148a6892c52aa85bb0331");
        assertThat(context.getInitiatorPrincipalId().getUserId()).isNull();
        assertThat(context.getPassword()).isEqualTo("s3cret");
        assertThat(context.getClientRequestTimeout()).isZero();
        assertThat(context.getClientId()).isEqualTo("seqr-backoffice/0.1.0");
        assertThat(context.getChannel()).isEqualTo("WS");
    }

    @Test
    void resellerCallsAuthenticateAsTheResellerUserFromSettings() {
        ClientContext context = contexts.reseller();

        assertThat(context.getInitiatorPrincipalId().getType()).isEqualTo("RESELLERUSER");
        assertThat(context.getInitiatorPrincipalId().getId()).isEqualTo("public_test_shop");
        assertThat(context.getInitiatorPrincipalId().getUserId()).isEqualTo("9900");
        assertThat(context.getPassword()).isEqualTo("1234");
        assertThat(context.getClientRequestTimeout()).isZero();
    }

    @Test
    void everyCallGetsItsOwnClientReferenceOfAtMost32Characters() {
        Set<String> references = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 20_000).parallel()
                .forEach(i -> references.add(contexts.reseller().getClientReference()));

        assertThat(references).hasSize(20_000).allSatisfy(reference -> assertThat(reference).hasSizeBetween(1, 32));
    }

    @Test
    void settingsComeFromThePropertiesWithADefaultForConcurrentCalls() {
        Map<String, String> properties = Map.of("seqr.url", "http://seqr.example/soap", "seqr.connect-timeout-ms",
                "500", "seqr.receive-timeout-ms", "800", "seqr.client-id", "seqr-backoffice/0.1.0", "seqr.channel",
                "WS", "seqr.reseller.id", "shop", "seqr.reseller.user-id", "9900", "seqr.reseller.password", "pw");

        SeqrClientSettings settings = SeqrClientSettings.fromProperties(properties::get);

        assertThat(settings.maxConcurrentCalls()).isEqualTo(SeqrClientSettings.DEFAULT_MAX_CONCURRENT_CALLS);
        assertThat(settings.logMessages()).isFalse();
        assertThat(settings.receiveTimeoutMs()).isEqualTo(800);
    }

    @Test
    void passwordsStayOutOfPrintedSettingsAndCredentials() {
        assertThat(SETTINGS.toString()).doesNotContain("1234").contains("resellerPassword=***");
        assertThat(new TerminalCredentials("t-1", "s3cret").toString()).doesNotContain("s3cret");
    }
}
