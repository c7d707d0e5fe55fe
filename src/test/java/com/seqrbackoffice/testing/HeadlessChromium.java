package com.seqrbackoffice.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through chromedriver, for the tests of the app's pages. Without chromium a
 * test is skipped with a message locally and fails on CI ({@code CI=true}), as .ci/run installs it.
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the calling test class (or fails it on CI) when chromium or chromedriver is missing. */
    public static void assumeInstalled(String testName) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "chromium or chromedriver is not installed (apt-get install -y chromium chromium-driver)";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        if (!installed) {
            System.out.println("SKIPPED " + testName + ": " + missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }

    /**
     * A browser without sandbox, GPU, QUIC, first-run or background traffic, on a fresh profile in {@code profile},
     * with a window of the given size.
     */
    public static WebDriver start(Path profile, int width, int height) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createDirectories(profile.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
