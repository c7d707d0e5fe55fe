package com.seqrbackoffice.terminals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES key terminal passwords are encrypted with: {@code terminals.password-key} (base64, e.g. from the
 * environment variable TERMINALS_PASSWORD_KEY) in production. Without it, a key is made once and kept in the
 * data folder beside the embedded ledger, so the embedded defaults work and no key is ever in the repository.
 */
public final class TerminalKeys {

    private static final Logger LOG = LoggerFactory.getLogger(TerminalKeys.class);

    private TerminalKeys() {
    }

    /**
     * @param configuredKey terminals.password-key, if set
     * @param dataDir       app.data-dir, where a key made here is kept
     */
    public static byte[] load(Optional<String> configuredKey, Path dataDir) {
        Optional<String> configured = configuredKey.filter(key -> !key.isBlank());
        if (configured.isPresent()) {
            return Base64.getDecoder().decode(configured.get());
        }
        Path file = dataDir.resolve("terminal-password.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getEncoder().encodeToString(PasswordCipher.newKey()));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                LOG.warn("terminals.password-key is not set: made a key in {}; set it in production, shared by every instance", file);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the terminal password key " + file, e);
        }
    }
}
