package com.seqrbackoffice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Route coverage of the test run: which routes and steps of {@code routes/} no test runs. Before each test app stops,
 * {@link #record} writes what every route and step did (Camel's JMX statistics) to target/route-coverage/; when a
 * test run ends (surefire's, then failsafe's) this listener adds up every app's counts since the last clean and
 * writes target/route-coverage.txt, naming each route and step (file:line) that no app ran. .ci/run prints it.
 */
public final class RouteCoverage implements LauncherSessionListener {

    private static final Path RECORDS = Path.of("target", "route-coverage");
    private static final Path REPORT = Path.of("target", "route-coverage.txt");

    /** Appends the counts of this app's routes and steps: route, step (source line and name), exchanges. */
    public static void record(CamelContext context) {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        List<String> lines = new ArrayList<>();
        try {
            String contextKey = context.getManagementName();
            for (ObjectName route : jmx.queryNames(new ObjectName("org.apache.camel:context=" + contextKey + ",type=routes,*"), null)) {
                lines.add(String.join("\t", (String) jmx.getAttribute(route, "RouteId"), "route",
                        String.valueOf(jmx.getAttribute(route, "ExchangesTotal"))));
            }
            for (ObjectName step : jmx.queryNames(new ObjectName("org.apache.camel:context=" + contextKey + ",type=processors,*"), null)) {
                lines.add(String.join("\t", (String) jmx.getAttribute(step, "RouteId"),
                        jmx.getAttribute(step, "SourceLocationShort") + " " + jmx.getAttribute(step, "ProcessorName"),
                        String.valueOf(jmx.getAttribute(step, "ExchangesTotal"))));
            }
        } catch (JMException e) {
            lines.add("# statistics not readable: " + e);
        }
        try {
            Files.createDirectories(RECORDS);
            Files.write(RECORDS.resolve(UUID.randomUUID() + ".tsv"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (!Files.isDirectory(RECORDS)) {
            return;
        }
        // route -> (route or step -> exchanges), added up over every app of every test run
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        try (Stream<Path> records = Files.list(RECORDS)) {
            for (Path record : records.toList()) {
                for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                    String[] fields = line.split("\t");
                    if (fields.length == 3) {
                        counts.computeIfAbsent(fields[0], route -> new TreeMap<>()).merge(fields[1], Long.parseLong(fields[2]), Long::sum);
                    }
                }
            }
            Files.write(REPORT, report(counts), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> report(Map<String, Map<String, Long>> counts) {
        List<String> routesNeverRun = new ArrayList<>();
        List<String> stepsNeverRun = new ArrayList<>();
        long steps = 0;
        for (Map.Entry<String, Map<String, Long>> route : counts.entrySet()) {
            if (route.getValue().getOrDefault("route", 0L) == 0) {
                routesNeverRun.add("  " + route.getKey());
                continue;
            }
            for (Map.Entry<String, Long> step : route.getValue().entrySet()) {
                if (!step.getKey().equals("route")) {
                    steps++;
                    if (step.getValue() == 0) {
                        stepsNeverRun.add("  " + route.getKey() + "  " + step.getKey());
                    }
                }
            }
        }
        List<String> report = new ArrayList<>();
        report.add("Route coverage of the tests (since the last mvn clean): " + (counts.size() - routesNeverRun.size()) + " of "
                + counts.size() + " routes run; in those, " + (steps - stepsNeverRun.size()) + " of " + steps + " steps run");
        report.add("Routes no test runs (" + routesNeverRun.size() + "):");
        report.addAll(routesNeverRun);
        report.add("Steps no test runs, in routes that run (" + stepsNeverRun.size() + "):");
        report.addAll(stepsNeverRun);
        return report;
    }
}
