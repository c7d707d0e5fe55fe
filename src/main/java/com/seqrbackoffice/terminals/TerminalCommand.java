package com.seqrbackoffice.terminals;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A till's terminal command (queue {@code pos.terminal.commands}). */
public record TerminalCommand(String messageId, String command, String terminalId, String name, String seqrId,
                              String password) {

    /** The sub-route that carries the command out: {@code direct:terminal-<routeName>}. */
    @JsonIgnore
    public String routeName() {
        return command.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public TerminalCommand withPassword(String generated) {
        return new TerminalCommand(messageId, command, terminalId, name, seqrId, generated);
    }

    // Keeps the password out of every log line and error message that prints the command
    @Override
    public String toString() {
        return "TerminalCommand[" + command + " " + terminalId + ", messageId=" + messageId + "]";
    }
}
