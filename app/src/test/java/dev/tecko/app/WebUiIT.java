package dev.tecko.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tecko.app.sandbox.Sandbox;
import dev.tecko.embedded.EmbeddedKafka;
import dev.tecko.embedded.KafkaBrokerExtension;
import dev.tecko.embedded.keboola.ReceivedJobRequest;
import dev.tecko.embedded.openai.BatchPlan;
import dev.tecko.platform.config.TeckoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real headless Chromium against the whole local system with the sandbox: log in with the token, see a
 * validation message from the API next to its field, create a job of two sandbox batches, watch it reach
 * {@code completed} (and how its page shows a trigger whose delivery is retrying), and check that Keboola got exactly
 * one job request for it. Skipped when Debian's chromium or chromium-driver is not installed ({@code .ci/run} installs
 * them).
 */
@ExtendWith(KafkaBrokerExtension.class)
class WebUiIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target");
    private static final String CONFIG = "ui-test";
    private static final int REQUESTS_1 = 40;
    private static final int REQUESTS_2 = 25;

    @Test
    void givenTheSandboxWhenAJobIsCreatedInTheWebUiThenItsPageShowsItCompletedAndKeboolaIsTriggeredOnce(
            EmbeddedKafka kafka, @TempDir Path dataDir, @TempDir Path browserProfile) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + " (apt-get install chromium-driver)");

        try (var system = LocalSystem.start(config(kafka), dataDir, true, null)) {
            Sandbox sandbox = system.sandbox().orElseThrow();
            String stamp = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            List<String> batchIds = List.of("batch_ui_" + stamp + "_1", "batch_ui_" + stamp + "_2");
            sandbox.openAi().createBatch(batchIds.get(0), BatchPlan.completesAfter(Duration.ofSeconds(10), REQUESTS_1));
            sandbox.openAi().createBatch(batchIds.get(1), BatchPlan.completesAfter(Duration.ofSeconds(15), REQUESTS_2));

            WebDriver driver = chrome(browserProfile);
            try {
                var ui = loggedIn(driver, system);

                // the create form shows the API's validation message next to the field at fault
                ui.byTestId("nav-new").click();
                ui.waitFor("the secrets in the form's selects", () -> ui.hasOption("new-job-openai-secret", Sandbox.OPENAI_SECRET)
                        && ui.hasOption("new-job-keboola-secret", Sandbox.KEBOOLA_SECRET));
                ui.byTestId("create-submit").click();
                ui.waitFor("a validation message next to the name", () -> ui.byTestId("field-error-name").isDisplayed()
                        && !ui.byTestId("field-error-name").getText().isBlank());
                assertThat(driver.findElements(By.cssSelector("[data-field='name'] [data-testid='field-error-name']")))
                        .as("the name's error sits in the name's field").hasSize(1);
                assertThat(ui.byTestId("create-errors").isDisplayed()).as("the problem's summary").isTrue();

                // a valid job
                ui.byTestId("new-job-name").sendKeys("Web UI test job");
                ui.byTestId("new-job-batch-ids").sendKeys(batchIds.get(0) + "\n" + batchIds.get(1));
                new Select(ui.byTestId("new-job-openai-secret")).selectByValue(Sandbox.OPENAI_SECRET);
                ui.byTestId("new-job-target-keboola").click();
                new Select(ui.byTestId("new-job-keboola-secret")).selectByValue(Sandbox.KEBOOLA_SECRET);
                ui.byTestId("new-job-keboola-stack-url").sendKeys(sandbox.keboola().url());
                ui.byTestId("new-job-keboola-component-id").sendKeys(Sandbox.COMPONENT);
                ui.byTestId("new-job-keboola-config-id").sendKeys(CONFIG);
                ui.byTestId("new-job-poll-interval").sendKeys("10");
                ui.byTestId("create-submit").click();

                // its page: status, batches, events
                ui.waitFor("the job's page", () -> ui.present("job-id") && ui.present("job-status"));
                String jobId = ui.byTestId("job-id").getText();
                assertThat(jobId).isNotBlank();
                assertThat(((JavascriptExecutor) driver).executeScript("return location.hash")).isEqualTo("#/jobs/" + jobId);
                await("the job's status badge to read completed").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> ui.byTestId("job-status").getText().equals("completed"));
                ui.waitFor("both batches completed with their request counts", () ->
                        ui.text("batch-status-" + batchIds.get(0)).equals("completed")
                                && ui.text("batch-status-" + batchIds.get(1)).equals("completed")
                                && ui.text("batch-completed-" + batchIds.get(0)).equals(String.valueOf(REQUESTS_1))
                                && ui.text("batch-completed-" + batchIds.get(1)).equals(String.valueOf(REQUESTS_2)));
                assertThat(ui.text("batch-total-" + batchIds.get(0))).isEqualTo(String.valueOf(REQUESTS_1));
                assertThat(ui.text("batch-total-" + batchIds.get(1))).isEqualTo(String.valueOf(REQUESTS_2));
                assertThat(ui.text("batch-failed-" + batchIds.get(0))).isEqualTo("0");
                assertThat(ui.text("batch-failed-" + batchIds.get(1))).isEqualTo("0");
                // the sandbox reports OpenAI's usage: 250 input and 60 output tokens a request, shown per batch and totalled
                assertThat(ui.text("batch-tokens-" + batchIds.get(0))).isEqualTo(String.format(java.util.Locale.US, "%,d", 310 * REQUESTS_1));
                assertThat(ui.text("job-tokens")).isEqualTo(String.format(java.util.Locale.US, "%,d", 310 * (REQUESTS_1 + REQUESTS_2)));
                ui.waitFor("the trigger in the event history", () -> ui.byTestId("events-table").getText().contains("triggered"));
                // followed to its real end: the sandbox's Keboola job succeeds a few seconds later
                ui.waitFor("the Keboola job's success", () -> ui.present("job-downstream-status")
                        && ui.text("job-downstream-status").equals("success"));
                assertThat(ui.byTestId("action-retrigger").isEnabled()).as("retrigger allowed when completed").isTrue();
                assertThat(ui.byTestId("action-pause").isEnabled()).as("pause not allowed when completed").isFalse();
                assertThat(ui.byTestId("action-seal").isDisplayed()).as("no seal for a job that names its batches").isFalse();
                assertThat(ui.present("job-search")).isFalse();
                ui.waitFor("the variables sent to Keboola", () -> ui.present("variable-batch_count_total")
                        && ui.text("variable-batch_count_total").contains("batch_count_total 2"));
                assertThat(ui.byTestId("batch-bar-" + batchIds.get(0)).getAttribute("aria-label"))
                        .isEqualTo(REQUESTS_1 + " completed, 0 failed of " + REQUESTS_1 + " requests");
                // the event history filtered to one type
                new Select(ui.byTestId("event-filter")).selectByValue("triggered");
                ui.waitFor("only the triggered event", () -> driver.findElements(By.cssSelector("#events-table tbody tr")).size() == 1
                        && ui.byTestId("events-table").getText().contains("triggered"));
                new Select(ui.byTestId("event-filter")).selectByValue("");
                ui.screenshot(SCREENSHOTS.resolve("webui-job-completed.png"));

                // at phone width: no sideways scroll, and the menu sits above the page, not over it
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                ui.waitFor("the page laid out for a phone", () -> fitsThePhone(driver));
                ui.screenshot(SCREENSHOTS.resolve("webui-job-phone.png"));
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

                // a trigger whose delivery is retrying (lastTrigger.delivery): the dispatcher's reports need a Keboola that
                // refuses, so the page's own reads of this job are answered with its snapshot as it would read then
                String nextTry = Instant.now().plusSeconds(150).truncatedTo(ChronoUnit.SECONDS).toString();
                ((JavascriptExecutor) driver).executeScript(RETRYING_DELIVERY, jobId, "{\"attempts\": 3, \"lastError\": "
                        + "\"Keboola answered 503 <img src=x onerror=alert(1)>\", \"lastHttpStatus\": 503, \"nextAttemptAt\": \""
                        + nextTry + "\", \"breakerOpen\": true, \"updatedAt\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}");
                ui.waitFor("the delivery progress in the last trigger", () -> ui.present("job-delivery"));
                assertThat(ui.text("job-status")).isEqualTo("triggering");
                assertThat(ui.text("job-delivery-attempts")).isEqualTo("attempt 3 failed");
                assertThat(ui.text("job-delivery-error")).as("the error is text, never markup")
                        .isEqualTo("503: Keboola answered 503 <img src=x onerror=alert(1)>");
                assertThat(ui.byTestId("job-delivery").findElements(By.tagName("img"))).isEmpty();
                assertThat(ui.text("job-delivery-breaker")).isEqualTo("circuit open");
                assertThat(ui.text("job-delivery")).contains("Keboola host's circuit is open");
                String utc = nextTry.substring(0, 19).replace('T', ' ') + " UTC";
                assertThat(ui.text("job-delivery-next")).matches("next try in [12] min\\s?" + Pattern.quote(utc));
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                ui.waitFor("the delivery progress laid out for a phone", () -> fitsThePhone(driver) && Boolean.TRUE.equals(
                        ((JavascriptExecutor) driver).executeScript("return document.querySelector(\"[data-testid='job-delivery']\")"
                                + ".getBoundingClientRect().right <= window.innerWidth")));
                ui.screenshot(SCREENSHOTS.resolve("webui-job-delivery-phone.png"));
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
                ((JavascriptExecutor) driver).executeScript("window.fetch = window.teckoRealFetch;");
                ui.waitFor("the job as it is again: completed, no delivery progress", () -> !ui.present("job-delivery")
                        && ui.text("job-status").equals("completed"));

                // the jobs list shows it completed too
                ui.byTestId("nav-jobs").click();
                ui.waitFor("the job in the jobs list, completed", () -> ui.text("job-row-status-" + jobId).equals("completed"));
                assertThat(ui.text("job-row-downstream-" + jobId)).isEqualTo("success");
                ui.screenshot(SCREENSHOTS.resolve("webui-jobs.png"));
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                ui.waitFor("the jobs list laid out for a phone", () -> fitsThePhone(driver));
                ui.screenshot(SCREENSHOTS.resolve("webui-jobs-phone.png"));
            } finally {
                driver.quit();
            }

            // Keboola got exactly one job request for this job (the sandbox's demo job sends its own, with another config)
            await("Keboola's job request for the UI's job").atMost(Duration.ofSeconds(10))
                    .until(() -> requestsFor(sandbox).size() == 1);
            await("no second request for it").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> requestsFor(sandbox).size() == 1);
            ReceivedJobRequest request = requestsFor(sandbox).get(0);
            assertThat(request.mode()).isEqualTo("run");
            assertThat(request.component()).isEqualTo(Sandbox.COMPONENT);
            assertThat(request.variables())
                    .containsEntry("batch_count_total", "2")
                    .containsEntry("batch_count_completed", "2")
                    .containsEntry("batch_count_failed", "0")
                    .containsEntry("batch_ids_failed", "[]");
            assertThat(request.variables().get("batch_ids_completed")).contains(batchIds.get(0)).contains(batchIds.get(1));
        }
    }

    /**
     * A job that finds its batches by their tag, created in the form without batch ids: a tag the API refuses is shown
     * next to the tag field; the job's page shows its search (tag, state, found, expected, seal time) and a Seal button,
     * which asks for confirmation, seals, and shows the list sealing (or already sealed); a job without a tag has no Seal
     * button. Needs a processor that knows tagged jobs (issue 16 part 3).
     */
    @Test
    void givenTheSandboxWhenATaggedJobIsCreatedAndSealedInTheWebUiThenItsPageShowsTheSearchAndItsSeal(
            EmbeddedKafka kafka, @TempDir Path dataDir, @TempDir Path browserProfile) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + " (apt-get install chromium-driver)");

        try (var system = LocalSystem.start(config(kafka), dataDir, true, null)) {
            Sandbox sandbox = system.sandbox().orElseThrow();
            String tag = "run=ui-" + UUID.randomUUID().toString().substring(0, 8);
            WebDriver driver = chrome(browserProfile);
            try {
                var ui = loggedIn(driver, system);
                ui.byTestId("nav-new").click();
                ui.waitFor("the secrets in the form's selects", () -> ui.hasOption("new-job-openai-secret", Sandbox.OPENAI_SECRET)
                        && ui.hasOption("new-job-keboola-secret", Sandbox.KEBOOLA_SECRET));
                ui.byTestId("new-job-name").sendKeys("Web UI tagged job");
                new Select(ui.byTestId("new-job-openai-secret")).selectByValue(Sandbox.OPENAI_SECRET);
                new Select(ui.byTestId("new-job-keboola-secret")).selectByValue(Sandbox.KEBOOLA_SECRET);
                ui.byTestId("new-job-keboola-stack-url").sendKeys(sandbox.keboola().url());
                ui.byTestId("new-job-keboola-component-id").sendKeys(Sandbox.COMPONENT);
                ui.byTestId("new-job-keboola-config-id").sendKeys(CONFIG);

                // a tag without a key: the API's message sits in the tag's field, and no batch id is asked for
                ui.byTestId("new-job-batch-tag").sendKeys("=nightly");
                ui.byTestId("create-submit").click();
                ui.waitFor("a validation message next to the batch tag", () -> ui.byTestId("field-error-batchTag").isDisplayed()
                        && ui.text("field-error-batchTag").contains("key=value"));
                assertThat(ui.byTestId("field-error-batchIds").isDisplayed()).as("batch ids are optional with a tag").isFalse();

                ui.byTestId("new-job-batch-tag").clear();
                ui.byTestId("new-job-batch-tag").sendKeys(tag);
                ui.byTestId("new-job-expected-batches").sendKeys("5");
                // datetime-local takes its value in the reader's locale when typed; set as the picker would
                ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", ui.byTestId("new-job-seal-at"),
                        "2099-01-01T03:00");
                ui.byTestId("create-submit").click();

                ui.waitFor("the tagged job's page with its search", () -> ui.present("job-id") && ui.present("job-search-state"));
                assertThat(ui.text("job-search-tag")).isEqualTo(tag);
                assertThat(ui.text("job-search-state")).isEqualTo("open");
                assertThat(ui.text("job-search-found")).isEqualTo("0 batches found");
                assertThat(ui.text("job-search-expected")).isEqualTo("of 5 expected");
                assertThat(ui.text("job-search-seal-at")).contains("2099-01-01");
                assertThat(ui.byTestId("action-seal").isDisplayed()).isTrue();
                ui.waitFor("the seal button enabled", () -> ui.byTestId("action-seal").isEnabled());
                ui.screenshot(SCREENSHOTS.resolve("webui-tagged-job.png"));

                ui.byTestId("action-seal").click();
                ui.waitFor("the confirmation", () -> ui.byTestId("confirm-dialog").isDisplayed());
                assertThat(ui.text("confirm-dialog")).contains(tag).contains("If it still holds none then, the job fails.");
                ui.byTestId("confirm-ok").click();
                ui.waitFor("the seal's answer", () -> ui.text("action-notice").startsWith("Seal: asked; the batch list is"));
                ui.waitFor("the list sealing or sealed", () -> List.of("sealing", "sealed").contains(ui.text("job-search-state")));
                ui.waitFor("the seal button disabled once asked", () -> !ui.byTestId("action-seal").isEnabled());

                driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                ui.waitFor("the search laid out for a phone", () -> fitsThePhone(driver));
                ui.screenshot(SCREENSHOTS.resolve("webui-tagged-job-phone.png"));
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

                // the jobs list says the list is not final while it is not
                ui.byTestId("nav-jobs").click();
                ui.waitFor("the tagged job in the list", () -> ui.present("jobs-table")
                        && ui.byTestId("jobs-table").getText().contains("Web UI tagged job"));
            } finally {
                driver.quit();
            }
        }
    }

    /** The whole local system with the sandbox, on its own topics. */
    private static TeckoConfig config(EmbeddedKafka kafka) {
        String prefix = "ui" + UUID.randomUUID().toString().substring(0, 8) + ".";
        return TeckoConfig.of(Map.of(TeckoConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), TeckoConfig.TOPIC_PREFIX, prefix,
                "TECKO_TOPIC_PARTITIONS", "2", "TECKO_PROCESSOR_APPLICATION_ID", prefix + "processor",
                "TECKO_POLLER_GROUP_ID", prefix + "poller", "TECKO_DISPATCHER_GROUP_ID", prefix + "dispatcher",
                "TECKO_API_PORT", "0", "TECKO_API_ALLOW_LOOPBACK", "true"));
    }

    /** Opens the UI and logs in with the system's token; on the jobs list. */
    private static Ui loggedIn(WebDriver driver, LocalSystem system) {
        var ui = new Ui(driver);
        String url = String.valueOf(system.apiUrl());
        driver.get(url.endsWith("/") ? url : url + "/");
        ui.waitFor("the login form", () -> ui.present("login-token"));
        ui.byTestId("login-token").sendKeys(String.valueOf(system.apiToken()));
        ui.byTestId("login-submit").click();
        ui.waitFor("the jobs list after logging in", () -> ui.present("jobs-table"));
        return ui;
    }

    /**
     * Answers the page's reads of one job ({@code arguments[0]}) with the job as it reads while its trigger's result is
     * awaited and the dispatcher reported this delivery progress ({@code arguments[1]}, JSON): {@code triggering}, its
     * {@code lastTrigger} without outcome but with {@code delivery}. Every other request goes through;
     * {@code window.teckoRealFetch} restores the page.
     */
    private static final String RETRYING_DELIVERY = """
            const [jobId, delivery] = arguments;
            window.teckoRealFetch = window.teckoRealFetch || window.fetch;
            const real = window.teckoRealFetch;
            window.fetch = async (input, init) => {
              const response = await real(input, init);
              const path = String(input).split('?')[0];
              if (!response.ok || (init && init.method !== 'GET') || !path.endsWith('api/jobs/' + encodeURIComponent(jobId))) {
                return response;
              }
              const job = await response.json();
              const t = job.lastTrigger;
              job.status = 'triggering';
              delete job.finishedAt;
              delete job.downstream;
              job.lastTrigger = { triggerId: t.triggerId, generation: t.generation, requestedAt: t.requestedAt,
                delivery: JSON.parse(delivery) };
              return new Response(JSON.stringify(job), { status: 200, headers: { 'Content-Type': 'application/json' } });
            };
            """;

    /** Nothing is wider than the window, and the top bar (with its wrapped menu) ends above where the page begins. */
    private static boolean fitsThePhone(WebDriver driver) {
        Object fits = ((JavascriptExecutor) driver).executeScript(
                "const main = document.querySelector('main'); const bar = document.querySelector('.topbar');"
                        + "return document.documentElement.scrollWidth <= window.innerWidth"
                        + " && bar.getBoundingClientRect().bottom <= main.getBoundingClientRect().top + 1;");
        return Boolean.TRUE.equals(fits);
    }

    private static List<ReceivedJobRequest> requestsFor(Sandbox sandbox) {
        return sandbox.keboola().received().stream().filter(r -> CONFIG.equals(r.config())).toList();
    }

    /** Debian's chromium through its own chromedriver, named explicitly: Selenium Manager cannot download anything here. */
    private static WebDriver chrome(Path profile) {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + profile.toAbsolutePath());
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Lookups by {@code data-testid}, bounded waits, screenshots. */
    private static final class Ui {
        private static final Duration WAIT = Duration.ofSeconds(20);
        private final WebDriver driver;

        Ui(WebDriver driver) {
            this.driver = driver;
        }

        static By testId(String id) {
            return By.cssSelector("[data-testid='" + id + "']");
        }

        WebElement byTestId(String id) {
            return driver.findElement(testId(id));
        }

        boolean present(String id) {
            return !driver.findElements(testId(id)).isEmpty();
        }

        String text(String id) {
            return byTestId(id).getText().trim();
        }

        boolean hasOption(String selectTestId, String value) {
            return !byTestId(selectTestId).findElements(By.cssSelector("option[value='" + value + "']")).isEmpty();
        }

        /** Waits (up to 20 s) for a condition on a page that re-renders itself; stale or missing elements mean "not yet". */
        void waitFor(String what, Callable<Boolean> condition) {
            await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(condition);
        }

        /** The whole page, not just the viewport: the window grows to the page's height for the shot, then shrinks back. */
        void screenshot(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            Dimension original = driver.manage().window().getSize();
            Object height = ((JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
            int pageHeight = height instanceof Number n ? n.intValue() : original.getHeight();
            int chrome = original.getHeight() - ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight")).intValue();
            if (pageHeight + chrome > original.getHeight()) {
                driver.manage().window().setSize(new Dimension(original.getWidth(), Math.min(pageHeight + chrome, 4000)));
            }
            try {
                Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                driver.manage().window().setSize(original);
            }
        }
    }
}
