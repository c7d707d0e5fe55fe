package com.seqrbackoffice.seqr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The emulator's latency and held answers: how long a call waits, and that a stop ends every wait. */
class CallPausesTest {

    private final CallPauses pauses = new CallPauses();

    @Test
    void aPauseLastsItsTime() {
        long started = System.nanoTime();

        pauses.pause(200);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void endingCutsShortEveryPauseUnderWayAndLaterOnes() throws Exception {
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        for (int call = 0; call < 50; call++) {
            calls.add(CompletableFuture.supplyAsync(this::millisOfAMinutePause, command -> Thread.ofVirtual().start(command)));
        }
        Thread.sleep(300);

        pauses.endAll();

        for (CompletableFuture<Long> call : calls) {
            assertThat(call.get(5, TimeUnit.SECONDS)).isLessThan(10_000);
        }
        assertThat(millisOfAMinutePause()).isLessThan(1_000);
    }

    @Test
    void anInterruptEndsThePauseAndStaysSet() throws Exception {
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread call = Thread.ofVirtual().start(() -> {
            pauses.pause(60_000);
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        Thread.sleep(100);

        call.interrupt();

        assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isTrue();
    }

    private long millisOfAMinutePause() {
        long started = System.nanoTime();
        pauses.pause(60_000);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
