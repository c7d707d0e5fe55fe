package com.seqrbackoffice.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.seqrbackoffice.app.SideBySideSettings;
import com.seqrbackoffice.seqr.emulator.EmulatorClient;
import com.seqrbackoffice.seqr.emulator.EmulatorMain;

/**
 * SEQR for the benchmark: the emulator ({@link EmulatorMain}) in a JVM of its own, as SEQR's servers are not in the
 * app's process in production, so that neither its CPU nor its threads count as the app's. Told what it saw and
 * what its customers do through its admin API.
 */
final class SeqrProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("SEQR emulator ready on port \\d+: (\\S+)");
    // A heap fixed at 1 GiB, since it keeps every invoice of the run (raw SOAP payments included) for its reports, and
    // the Parallel collector, as the app has: the JVM's G1 sized the heap at 200 MiB with 90 MiB live and marked it
    // concurrently every three seconds, CPU taken from the app on the benchmark's two cores (SEQR's servers are
    // another machine's)
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseParallelGC", "-Xms1g", "-Xmx1g");

    private final ChildJvm jvm;
    private final EmulatorClient admin;

    private SeqrProcess(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.admin = new EmulatorClient("http://127.0.0.1:" + port);
    }

    /** Starts the emulator on a free port with these settings ({@code seqr.emulator.*}) over the config file's. */
    static SeqrProcess start(Map<String, String> settings, Path log) throws IOException {
        int port = SideBySideSettings.freePort();
        List<String> arguments = new ArrayList<>(JVM_OPTIONS);
        arguments.addAll(List.of("-Dseqr.emulator.host=127.0.0.1", "-Dseqr.emulator.port=" + port));
        settings.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.addAll(List.of("-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
        return new SeqrProcess(ChildJvm.start(arguments, READY, Duration.ofSeconds(60), log), port);
    }

    /** The SOAP endpoint the app is given as {@code seqr.url}. */
    String soapUrl() {
        return jvm.readyLine().group(1);
    }

    /** The CPU time SEQR's side has taken so far: on the benchmark's machine, not the app's but taken from it. */
    Duration cpuTime() {
        return jvm.cpuTime();
    }

    EmulatorClient admin() {
        return admin;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
