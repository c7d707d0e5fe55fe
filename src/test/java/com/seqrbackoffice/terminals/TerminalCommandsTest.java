package com.seqrbackoffice.terminals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.payments.InboundMessages;

class TerminalCommandsTest {

    private static final byte[] SECRET = "a terminal password key of the test".getBytes(StandardCharsets.UTF_8);

    private final TerminalCommands commands = new TerminalCommands(new InboundMessages(Set.of("SEK"), 65_536), SECRET,
            Clock.systemUTC());

    @Test
    void aRegisterDeliveredAgainGetsTheSameGeneratedPassword() {
        String first = commands.withRegistrationPassword(register("m-1", null), null).password();
        assertThat(commands.withRegistrationPassword(register("m-1", null), null).password()).isEqualTo(first);
        assertThat(first).hasSize(24).matches("[A-HJ-NP-Za-km-z2-9]+");
    }

    @Test
    void anotherCommandOrAnotherKeyGetsAnotherPassword() {
        String first = commands.withRegistrationPassword(register("m-1", null), null).password();
        assertThat(commands.withRegistrationPassword(register("m-2", null), null).password()).isNotEqualTo(first);
        TerminalCommands otherKey = new TerminalCommands(new InboundMessages(Set.of("SEK"), 65_536),
                "another key".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        assertThat(otherKey.withRegistrationPassword(register("m-1", null), null).password()).isNotEqualTo(first);
    }

    @Test
    void aStoredPasswordIsKeptAndTheCommandsOwnWins() {
        assertThat(commands.withRegistrationPassword(register("m-1", null), "Stored-pass-1").password())
                .isEqualTo("Stored-pass-1");
        assertThat(commands.withRegistrationPassword(register("m-1", "Own-pass-123"), "Stored-pass-1").password())
                .isEqualTo("Own-pass-123");
    }

    private static TerminalCommand register(String messageId, String password) {
        return new TerminalCommand(messageId, "REGISTER", "till-1", "Till 1", null, password);
    }
}
