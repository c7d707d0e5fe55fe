package com.seqrbackoffice.terminals;

import java.time.Clock;

import com.seqrbackoffice.payments.DerivedKey;
import com.seqrbackoffice.payments.InboundMessages;
import com.seqrbackoffice.payments.PaymentEvent;

/** Reads terminal commands and makes the events that announce their outcome. */
public final class TerminalCommands {

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_PASSWORD_LENGTH = 24;

    private final InboundMessages messages;
    private final DerivedKey passwordKey;
    private final Clock clock;

    /** @param secret shared by every instance (the terminal password key), from which the password key is derived */
    public TerminalCommands(InboundMessages messages, byte[] secret, Clock clock) {
        this.messages = messages;
        this.passwordKey = new DerivedKey(secret, "seqr-backoffice terminal passwords");
        this.clock = clock;
    }

    public TerminalCommand read(String json) {
        return messages.terminalCommand(json);
    }

    /**
     * The password a REGISTER gives the terminal: the command's own, else the one it already has
     * ({@code storedPassword}, null for a new terminal), else a generated one (CONTRACTS.md). A REGISTER without a
     * password never rotates it: other instances hold the current one. The generated one is derived from the
     * command's messageId, so that every delivery of the command gives the same: a registerTerminal call that timed
     * out may still be carried out at SEQR after its redelivery's.
     */
    public TerminalCommand withRegistrationPassword(TerminalCommand command, String storedPassword) {
        if (command.password() != null) {
            return command;
        }
        return command.withPassword(storedPassword != null ? storedPassword : generatedPassword(command));
    }

    /** The event that announces a command carried out: TERMINAL_REGISTERED, TERMINAL_UNREGISTERED or SEQR_ID_ASSIGNED. */
    public PaymentEvent event(TerminalCommand command) {
        String type = switch (command.command()) {
            case "REGISTER" -> "TERMINAL_REGISTERED";
            case "UNREGISTER" -> "TERMINAL_UNREGISTERED";
            default -> "SEQR_ID_ASSIGNED";
        };
        return new PaymentEvent(command.messageId() + ":" + type, type, null, command.terminalId(), null, null, null,
                null, null, null, null, null, command.messageId(), null,
                command.seqrId() == null ? null : "SEQR ID " + command.seqrId(), clock.instant());
    }

    private String generatedPassword(TerminalCommand command) {
        byte[] digest = passwordKey.hmac(command.terminalId() + "\n" + command.messageId());
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            // 24 of the digest's 32 bytes; the slight bias of the modulo leaves well over 128 bits
            password.append(PASSWORD_ALPHABET.charAt(Byte.toUnsignedInt(digest[i]) % PASSWORD_ALPHABET.length()));
        }
        return password.toString();
    }
}
