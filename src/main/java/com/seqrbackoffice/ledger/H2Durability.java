package com.seqrbackoffice.ledger;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an embedded H2 ledger keep what it committed across a crash of the app. H2 holds committed
 * transactions in memory for up to its write delay (500 ms by default) before writing them to its file, so a
 * kill -9 of the app would lose them; with {@code WRITE_DELAY=0} each commit is written to the file before it
 * returns (into the operating system's cache: it survives the process, as PostgreSQL's commit does with
 * {@code fsync}, not a power cut). PostgreSQL URLs and H2 URLs that the app does not open itself (in memory, or a
 * remote H2 server, whose own settings decide) are left as they are.
 */
public final class H2Durability {

    private static final Pattern WRITE_DELAY = Pattern.compile(";\\s*WRITE_DELAY\\s*=\\s*([^;]*)", Pattern.CASE_INSENSITIVE);

    private H2Durability() {
    }

    /** The URL to open: an embedded H2 file URL with {@code WRITE_DELAY=0}; refused if it asks for another delay. */
    public static String durableUrl(String url) {
        if (!opensH2FileInProcess(url)) {
            return url;
        }
        Matcher delay = WRITE_DELAY.matcher(url);
        if (!delay.find()) {
            return url + ";WRITE_DELAY=0";
        }
        if (!delay.group(1).trim().equals("0")) {
            throw new IllegalArgumentException("ledger.url sets WRITE_DELAY=" + delay.group(1).trim()
                    + ": H2 would keep committed ledger transactions in memory that long, and a crash of the app would"
                    + " lose them. Remove WRITE_DELAY from ledger.url (the app sets 0) or set WRITE_DELAY=0");
        }
        return url;
    }

    private static boolean opensH2FileInProcess(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:");
    }
}
