package com.seqrbackoffice.terminals;

import java.security.SecureRandom;
import java.time.Clock;

import com.seqrbackoffice.payments.InboundMessages;
import com.seqrbackoffice.payments.PaymentEvent;

/** Reads terminal commands and makes the events that announce their outcome. */
public final class TerminalCommands {

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_PASSWORD_LENGTH = 24;

    private final InboundMessages messages;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TerminalCommands(InboundMessages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public TerminalCommand read(String json) {
        return messages.terminalCommand(json);
    }

    /**
     * The password a REGISTER gives the terminal: the command's own, else the one it already has
     * ({@code storedPassword}, null for a new terminal), else a generated one (CONTRACTS.md). A REGISTER without a
     * password never rotates it: other instances hold the current one.
     */
    public TerminalCommand withRegistrationPassword(TerminalCommand command, String storedPassword) {
        if (command.password() != null) {
            return command;
        }
        return command.withPassword(storedPassword != null ? storedPassword : generatePassword());
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

    private String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
