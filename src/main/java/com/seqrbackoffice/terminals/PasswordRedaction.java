package com.seqrbackoffice.terminals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in message text that leaves the app: a dead letter keeps the refused message, and an ERROR event
 * may quote the part of it that could not be read. Works on text, not on parsed JSON, because a refused message
 * is often not valid JSON.
 */
public final class PasswordRedaction {

    public static final String MASK = "****";

    // A member named password (or ...Password) and its value: a JSON string (even one left unterminated) or a bare token
    private static final Pattern PASSWORD_MEMBER = Pattern.compile(
            "(\"[A-Za-z_]*(?i:password)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)");

    private PasswordRedaction() {
    }

    /** The text with every password member's value masked. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return PASSWORD_MEMBER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "\"" + MASK + "\""));
    }

    /** {@code derived} (e.g. a parser's complaint about {@code source}) with every password found in the source masked. */
    public static String redact(String source, String derived) {
        if (source == null || derived == null) {
            return derived;
        }
        String masked = derived;
        for (String password : passwordsIn(source)) {
            masked = masked.replace(password, MASK);
        }
        return redact(masked);
    }

    private static List<String> passwordsIn(String text) {
        List<String> passwords = new ArrayList<>();
        Matcher matcher = PASSWORD_MEMBER.matcher(text);
        while (matcher.find()) {
            String value = matcher.group(2);
            String bare = value.startsWith("\"") ? value.substring(1, value.length() - (value.length() > 1 && value.endsWith("\"") ? 1 : 0)) : value;
            if (!bare.isEmpty()) {
                passwords.add(bare);
            }
        }
        return passwords;
    }
}
