package com.seqrbackoffice.app;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;

import com.seqrbackoffice.backoffice.BackofficeCli;
import com.seqrbackoffice.broker.DeadLetters;

/**
 * The command line of {@code java -jar seqr-backoffice.jar}: which mode the arguments ask for, checked before
 * anything starts, so that a mistake is one line that says what is wrong (exit code {@value #USAGE_EXIT_CODE})
 * rather than a stack trace from deep inside a mode.
 */
public final class CommandLine {

    /** Exit code for arguments that ask for no mode or give a mode a bad value. */
    public static final int USAGE_EXIT_CODE = 2;

    /** The modes, as {@code --help} lists them. */
    public enum Mode {
        RUN("", "", "run the app until stopped (settings: config/application.properties)", 0),
        DEMO("--demo", "[payments] [tills]", "run the app with a till simulator, print a summary and stop (default 200 20)", 2),
        EMULATOR_ONLY("--emulator-only", "", "run only the SEQR emulator", 0),
        VALIDATE_ROUTES("--validate-routes", "", "check every route file against the settings; start nothing", 0),
        LIST_ROUTES("--list-routes", "", "print every route with its file, input and description (Markdown); start nothing", 0),
        DEAD_LETTERS("--dead-letters", "[queue]", "list the running app's dead letters with their reasons", 1),
        REPLAY_DEAD_LETTERS("--replay-dead-letters", "[queue]", "move the dead letters back to the queues they came from", 1),
        PAYMENT("--payment", "<orderId>", "print one payment of the running app as JSON (docs/backoffice.md)", 1),
        PAYMENTS("--payments", "[key=value...]",
                "search the running app's payments by terminalId, status, from, to; at most limit", Integer.MAX_VALUE),
        AOT_TRAINING("--aot-training", "", "run a short demo on a data folder of its own and free ports: the training run"
                + " of the JVM's AOT cache (mvn package makes target/seqr-backoffice.aot with it)", 0),
        VERSION("--version", "", "print the version of seqr-backoffice, Camel and Java", 0),
        HELP("--help", "", "print this list", 0);

        private final String flag;
        private final String arguments;
        private final String description;
        private final int maxArguments;

        Mode(String flag, String arguments, String description, int maxArguments) {
            this.flag = flag;
            this.arguments = arguments;
            this.description = description;
            this.maxArguments = maxArguments;
        }

        public String flag() {
            return flag;
        }
    }

    /** A mode and the arguments as given, its flag first (the form the modes' own {@code run} methods take). */
    public record Command(Mode mode, List<String> args) {

        public String[] argsArray() {
            return args.toArray(String[]::new);
        }

        /** The demo's count at {@code index} (1: payments, 2: tills), or the default. */
        public int count(int index, int otherwise) {
            return args.size() > index ? Integer.parseInt(args.get(index)) : otherwise;
        }
    }

    /** A command line that asks for no mode, or gives one a bad value; the message says which. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message + " (--help lists the modes)");
        }
    }

    private CommandLine() {
    }

    public static Command parse(String... args) {
        String flag = args.length == 0 ? "" : args[0];
        if (flag.equals("-h")) {
            flag = Mode.HELP.flag;
        }
        String given = flag;
        Mode mode = Arrays.stream(Mode.values()).filter(m -> m.flag.equals(given)).findFirst()
                .orElseThrow(() -> new UsageException("Unknown argument " + given));
        List<String> rest = List.of(args).subList(Math.min(1, args.length), args.length);
        if (rest.size() > mode.maxArguments) {
            throw new UsageException((mode == Mode.RUN ? "" : mode.flag + " ") + "takes "
                    + (mode.arguments.isEmpty() ? "no arguments" : mode.arguments) + ", not " + String.join(" ", rest));
        }
        check(mode, args);
        return new Command(mode, List.of(args));
    }

    private static void check(Mode mode, String[] args) {
        try {
            switch (mode) {
                case DEMO -> {
                    positiveCount(args, 1, "payments");
                    positiveCount(args, 2, "tills");
                }
                case DEAD_LETTERS, REPLAY_DEAD_LETTERS -> {
                    if (args.length > 1) {
                        DeadLetters.checkQueueName(args[1]);
                    }
                }
                case PAYMENT, PAYMENTS -> BackofficeCli.requestPath(args);
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void positiveCount(String[] args, int index, String name) {
        if (args.length <= index) {
            return;
        }
        try {
            if (Integer.parseInt(args[index]) > 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(args[0] + ": " + name + " is a whole number above 0, not " + args[index]);
    }

    /** One line per mode: its flag and arguments, then what it does. */
    public static String help() {
        List<String> synopses = Arrays.stream(Mode.values())
                .map(mode -> mode == Mode.RUN ? "(no argument)" : (mode.flag + " " + mode.arguments).strip()).toList();
        int width = synopses.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder("Usage: java -jar seqr-backoffice.jar [mode]; settings as -Dkey=value or"
                + " environment variables (docs/settings.md)\n");
        for (int i = 0; i < synopses.size(); i++) {
            text.append("  ").append(String.format("%-" + width + "s", synopses.get(i))).append("  ")
                    .append(Mode.values()[i].description).append('\n');
        }
        return text.toString();
    }

    public static String version() {
        return "seqr-backoffice " + implementationVersion(CommandLine.class).orElse("(not from a packaged jar)")
                + ", Camel " + implementationVersion(CamelContext.class).orElse("(unknown)") + ", Java " + Runtime.version();
    }

    private static Optional<String> implementationVersion(Class<?> type) {
        return Optional.ofNullable(type.getPackage().getImplementationVersion());
    }
}
