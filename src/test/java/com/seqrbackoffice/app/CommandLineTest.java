package com.seqrbackoffice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.seqrbackoffice.app.CommandLine.Mode;
import com.seqrbackoffice.app.CommandLine.UsageException;

class CommandLineTest {

    @Test
    void helpListsEveryModeOnOneLineEach() {
        String help = CommandLine.help();

        for (Mode mode : Mode.values()) {
            String synopsis = mode == Mode.RUN ? "(no argument)" : mode.flag();
            assertThat(help.lines().filter(line -> line.strip().startsWith(synopsis + " ") || line.strip().equals(synopsis)))
                    .as("one line for %s in:%n%s", mode, help).hasSize(1);
        }
        assertThat(help.lines()).hasSize(Mode.values().length + 1);
        assertThat(CommandLine.parse("--help").mode()).isEqualTo(Mode.HELP);
        assertThat(CommandLine.parse("-h").mode()).isEqualTo(Mode.HELP);
    }

    @Test
    void eachModeIsChosenByItsFlag() {
        assertThat(CommandLine.parse().mode()).isEqualTo(Mode.RUN);
        for (Mode mode : Mode.values()) {
            // --payment is the one mode that needs an argument
            String[] args = mode == Mode.RUN ? new String[0]
                    : mode == Mode.PAYMENT ? new String[] {mode.flag(), "order-1"} : new String[] {mode.flag()};
            assertThat(CommandLine.parse(args).mode()).isEqualTo(mode);
        }
        CommandLine.Command demo = CommandLine.parse("--demo", "50", "5");
        assertThat(demo.count(1, 200)).isEqualTo(50);
        assertThat(demo.count(2, 20)).isEqualTo(5);
        assertThat(CommandLine.parse("--demo").count(1, 200)).isEqualTo(200);
        assertThat(CommandLine.parse("--payments", "terminalId=till-1", "status=PAID").argsArray())
                .containsExactly("--payments", "terminalId=till-1", "status=PAID");
    }

    @Test
    void anUnknownArgumentIsOneLineThatNamesIt() {
        assertUsage(new String[] {"--hlep"}, "Unknown argument --hlep");
        assertUsage(new String[] {"run"}, "Unknown argument run");
    }

    @Test
    void aBadValueIsOneLineThatSaysWhatIsWrong() {
        assertUsage(new String[] {"--demo", "many"}, "--demo: payments is a whole number above 0, not many");
        assertUsage(new String[] {"--demo", "10", "0"}, "--demo: tills is a whole number above 0, not 0");
        assertUsage(new String[] {"--demo", "1", "2", "3"}, "--demo takes [payments] [tills], not 1 2 3");
        assertUsage(new String[] {"--validate-routes", "routes/"}, "--validate-routes takes no arguments, not routes/");
        assertUsage(new String[] {"--dead-letters", "pos'payment"}, "Not a queue name: pos'payment");
        assertUsage(new String[] {"--payment"}, "Use --payment <orderId>");
        assertUsage(new String[] {"--payments", "colour=red"}, "not colour=red");
    }

    @Test
    void versionNamesTheAppCamelAndJava() {
        assertThat(CommandLine.version()).startsWith("seqr-backoffice ").contains(", Camel 4.18.0, Java " + Runtime.version());
    }

    private static void assertUsage(String[] args, String says) {
        assertThatThrownBy(() -> CommandLine.parse(args)).isInstanceOf(UsageException.class)
                .hasMessageContaining(says).hasMessageEndingWith("(--help lists the modes)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
