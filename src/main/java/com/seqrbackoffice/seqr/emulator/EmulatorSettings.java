package com.seqrbackoffice.seqr.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Everything the SEQR emulator can be told. Read from the {@code seqr.emulator.*} keys of
 * config/application.properties by {@link #from(Function)}.
 *
 * @param host             the address to bind, 127.0.0.1 by default
 * @param port             0 picks a free port ({@link SeqrEmulator#port()} tells which)
 * @param reversalPeriod   a RESERVED or PAID payment not polled within this time is reversed (API.md §7)
 * @param reportDelay      executeReport answers REPORT_NOT_READY for this long after markTransactionPeriod
 * @param allowOverCommit  accept commitReservation above the reserved amount instead of 11 REJECTED_AMOUNT
 * @param autoConfirm      confirm every new invoice as the customer would
 * @param autoConfirmDelay how long after sendInvoice the automatic customer confirms
 * @param resellers        reseller users besides SEQR's public test shop
 * @param terminals        terminals that exist from the start besides SEQR's public test terminal
 * @param faults           faults active from the start
 * @param adminApi         serve the admin API (counters, faults, auto-confirm, seeded payments); off by default,
 *                         since it is unauthenticated and can change what SEQR answers
 */
public record EmulatorSettings(String host, int port, Duration reversalPeriod, Duration reportDelay,
                               boolean allowOverCommit, boolean autoConfirm, Duration autoConfirmDelay,
                               List<Reseller> resellers, List<TerminalAccount> terminals, List<FaultSpec> faults,
                               boolean adminApi) {

    public static final String PREFIX = "seqr.emulator.";

    /** SEQR's published test reseller (API.md §7 "Test credentials"). */
    public static final Reseller PUBLIC_TEST_SHOP = new Reseller("public_test_shop", "9900", "1234");
    /** SEQR's published test terminal (API.md §7 "Test credentials"); it belongs to the public test shop. */
    public static final TerminalAccount PUBLIC_TEST_TERMINAL =
            new TerminalAccount("public_test_shop_terminal", "12345678", PUBLIC_TEST_SHOP.id());

    /** A reseller user (RESELLERUSER principal: id, userId and password). */
    public record Reseller(String id, String userId, String password) {
        public Reseller {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Reseller[" + id + "/" + userId + "]";
        }
    }

    /** A terminal (TERMINALID principal) that exists without registerTerminal. */
    public record TerminalAccount(String terminalId, String password, String resellerId) {
        public TerminalAccount {
            Objects.requireNonNull(terminalId, "terminalId");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(resellerId, "resellerId");
        }

        @Override
        public String toString() {
            return "TerminalAccount[" + terminalId + " of " + resellerId + "]";
        }
    }

    public EmulatorSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        requirePositive(reversalPeriod, "reversalPeriod");
        requireNotNegative(reportDelay, "reportDelay");
        requireNotNegative(autoConfirmDelay, "autoConfirmDelay");
        resellers = List.copyOf(resellers);
        terminals = List.copyOf(terminals);
        faults = List.copyOf(faults);
    }

    /** The defaults of config/application.properties, on a free port. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings("127.0.0.1", 0, Duration.ofSeconds(20), Duration.ofSeconds(3), false, false,
                Duration.ofSeconds(1), List.of(), List.of(), List.of(), false);
    }

    /**
     * Settings from a key lookup (Camel's property resolver, {@link Properties#getProperty}, a map's get);
     * a key the lookup does not know (null) keeps its default.
     *
     * <ul>
     * <li>{@code seqr.emulator.resellers}: {@code id/userId:password}, comma separated</li>
     * <li>{@code seqr.emulator.terminals}: {@code terminalId:password} or {@code terminalId:password@resellerId},
     * comma separated (reseller default: public_test_shop)</li>
     * <li>{@code seqr.emulator.faults}: a JSON array of {@link FaultSpec} objects</li>
     * </ul>
     */
    public static EmulatorSettings from(Function<String, String> lookup) {
        EmulatorSettings d = defaults();
        Function<String, String> key = name -> {
            String value = lookup.apply(PREFIX + name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        return new EmulatorSettings(
                or(key.apply("host"), d.host()),
                key.apply("port") == null ? 8089 : Integer.parseInt(key.apply("port")),
                key.apply("reversal-seconds") == null ? d.reversalPeriod()
                        : Duration.ofSeconds(Long.parseLong(key.apply("reversal-seconds"))),
                key.apply("report-delay-ms") == null ? d.reportDelay()
                        : Duration.ofMillis(Long.parseLong(key.apply("report-delay-ms"))),
                Boolean.parseBoolean(or(key.apply("allow-over-commit"), "false")),
                Boolean.parseBoolean(or(key.apply("auto-confirm"), "false")),
                key.apply("auto-confirm-delay-ms") == null ? d.autoConfirmDelay()
                        : Duration.ofMillis(Long.parseLong(key.apply("auto-confirm-delay-ms"))),
                parseResellers(key.apply("resellers")),
                parseTerminals(key.apply("terminals")),
                parseFaults(key.apply("faults")),
                Boolean.parseBoolean(or(key.apply("admin-enabled"), "false")));
    }

    public static EmulatorSettings from(Properties properties) {
        return from(properties::getProperty);
    }

    public EmulatorSettings withPort(int newPort) {
        return new EmulatorSettings(host, newPort, reversalPeriod, reportDelay, allowOverCommit, autoConfirm,
                autoConfirmDelay, resellers, terminals, faults, adminApi);
    }

    public EmulatorSettings withReversalPeriod(Duration period) {
        return new EmulatorSettings(host, port, period, reportDelay, allowOverCommit, autoConfirm,
                autoConfirmDelay, resellers, terminals, faults, adminApi);
    }

    public EmulatorSettings withReportDelay(Duration delay) {
        return new EmulatorSettings(host, port, reversalPeriod, delay, allowOverCommit, autoConfirm,
                autoConfirmDelay, resellers, terminals, faults, adminApi);
    }

    public EmulatorSettings withAllowOverCommit(boolean allow) {
        return new EmulatorSettings(host, port, reversalPeriod, reportDelay, allow, autoConfirm,
                autoConfirmDelay, resellers, terminals, faults, adminApi);
    }

    public EmulatorSettings withAutoConfirm(boolean enabled, Duration delay) {
        return new EmulatorSettings(host, port, reversalPeriod, reportDelay, allowOverCommit, enabled, delay,
                resellers, terminals, faults, adminApi);
    }

    public EmulatorSettings withTerminals(List<TerminalAccount> extraTerminals) {
        return new EmulatorSettings(host, port, reversalPeriod, reportDelay, allowOverCommit, autoConfirm,
                autoConfirmDelay, resellers, extraTerminals, faults, adminApi);
    }

    public EmulatorSettings withAdminApi(boolean enabled) {
        return new EmulatorSettings(host, port, reversalPeriod, reportDelay, allowOverCommit, autoConfirm,
                autoConfirmDelay, resellers, terminals, faults, enabled);
    }

    public EmulatorSettings withFaults(List<FaultSpec> initialFaults) {
        return new EmulatorSettings(host, port, reversalPeriod, reportDelay, allowOverCommit, autoConfirm,
                autoConfirmDelay, resellers, terminals, initialFaults, adminApi);
    }

    /** The public test shop first, then the configured resellers. */
    public List<Reseller> allResellers() {
        List<Reseller> all = new ArrayList<>();
        all.add(PUBLIC_TEST_SHOP);
        all.addAll(resellers);
        return all;
    }

    /** The public test terminal first, then the configured terminals. */
    public List<TerminalAccount> allTerminals() {
        List<TerminalAccount> all = new ArrayList<>();
        all.add(PUBLIC_TEST_TERMINAL);
        all.addAll(terminals);
        return all;
    }

    private static List<Reseller> parseResellers(String value) {
        return items(value).stream().map(item -> {
            int slash = item.indexOf('/');
            int colon = item.indexOf(':', slash + 1);
            if (slash < 1 || colon < slash + 2) {
                throw new IllegalArgumentException(PREFIX + "resellers: expected id/userId:password, got an entry for "
                        + (slash > 0 ? item.substring(0, slash) : "?"));
            }
            return new Reseller(item.substring(0, slash), item.substring(slash + 1, colon), item.substring(colon + 1));
        }).toList();
    }

    private static List<TerminalAccount> parseTerminals(String value) {
        return items(value).stream().map(item -> {
            int colon = item.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(PREFIX + "terminals: expected terminalId:password[@resellerId]");
            }
            String rest = item.substring(colon + 1);
            int at = rest.lastIndexOf('@');
            String reseller = at < 0 ? PUBLIC_TEST_SHOP.id() : rest.substring(at + 1);
            String password = at < 0 ? rest : rest.substring(0, at);
            return new TerminalAccount(item.substring(0, colon), password, reseller);
        }).toList();
    }

    private static List<FaultSpec> parseFaults(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return Arrays.asList(new ObjectMapper().readValue(json, FaultSpec[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(PREFIX + "faults is not a JSON array of faults: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> items(String value) {
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
