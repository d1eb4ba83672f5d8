package bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Scenario 11 (bench/README.md, "11. The live page's pace"): the live page in headless Chromium
 * while {@code POST /api/hello} runs at fixed rates, each for the run's seconds; after each rate,
 * once the page is idle, its counters ({@code #graph-stats}): events received, legs, tokens drawn,
 * legs coalesced onto another's token. Fails where the page got fewer events than were sent.
 * Run by bench/run after {@code bench.Bench}, on the test classpath (Selenium); appends its section
 * to target/bench/results.md.
 */
public final class LivePace {

	static final int[] RATES = { 1, 2, 4, 6, 8, 12, 20, 40 };

	/** published, confirmed, delivered: each moves a token along one edge of tutorial 1's graph. */
	static final int EVENTS_PER_MESSAGE = 3;

	private LivePace() {
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.from(args);
		Processes.stopAllOnExit();
		Map<Integer, Step> steps = new LinkedHashMap<>();
		String browserVersion;
		try (Service service = Service.on(settings, settings.node(), "live-pace"); Page page = Page.open()) {
			browserVersion = page.version();
			for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
				for (int rate : RATES) {
					Step step = step(page, rate, settings.seconds());
					System.out.printf(Locale.ROOT, "11: %d msg/s, repetition %d: %s%n", rate, repetition, step);
					steps.merge(rate, step, Step::plus);
				}
			}
		}
		String section = report(settings, browserVersion, List.copyOf(steps.values()));
		System.out.println(section);
		Path results = settings.out().resolve("results.md");
		Files.writeString(results, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		System.out.println("Added to " + results);
	}

	/** {@code rate} messages a second for {@code seconds}, then the page's counters once it is idle. */
	static Step step(Page page, int rate, int seconds) throws Exception {
		Counters before = page.idle();
		HttpRequest hello = HttpRequest.newBuilder(URI.create(Service.BASE + "/api/hello"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("Hello World!"))
			.build();
		int messages = rate * seconds;
		long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
		long started = System.nanoTime();
		for (int i = 0; i < messages; i++) {
			LockSupport.parkNanos(started + i * periodNanos - System.nanoTime());
			HttpResponse<String> answer = Service.HTTP.send(hello, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 202) {
				throw new IllegalStateException("POST /api/hello answered " + answer.statusCode() + ": " + answer.body());
			}
		}
		// the rate's window, or longer where the answers came too slowly to keep the rate
		double publishingSeconds = Math.max(System.nanoTime() - started, messages * periodNanos) / 1e9;
		long expected = (long) messages * EVENTS_PER_MESSAGE;
		if (!page.awaitCounters((now) -> now.events() - before.events() >= expected, 30)) {
			throw new IllegalStateException(String.format(Locale.ROOT,
					"At %d msg/s the page got %d of the %d events of the %d messages sent, within 30 s", rate,
					page.counters().events() - before.events(), expected, messages));
		}
		Counters after = page.idle();
		return new Step(rate, messages, expected, publishingSeconds, after.minus(before));
	}

	static String report(Settings settings, String browserVersion, List<Step> steps) {
		StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
				"%n## 11. The live page's pace: headless Chromium at `/` while `POST /api/hello` runs at fixed rates%n%n"
						+ "%s; Chromium %s; each rate for %d s, %d repetition(s), the rates in turn; counts summed over "
						+ "the repetitions. A message is %d events (published, confirmed, delivered), each a leg of "
						+ "tutorial 1's graph; a token takes 700 ms along an edge, which starts one every 120 ms at "
						+ "most: legs that come faster ride on the next token (coalesced).%n%n",
				settings.node().description(), browserVersion, settings.seconds(), settings.repetitions(),
				EVENTS_PER_MESSAGE));
		Step firstCoalesced = steps.stream().filter((step) -> step.page().coalesced() > 0).findFirst().orElse(null);
		String keptUp;
		if (firstCoalesced == null) {
			keptUp = String.format(Locale.ROOT, "every rate (%d msg/s, %.0f events/s)", RATES[RATES.length - 1],
					steps.get(steps.size() - 1).eventsPerSecond());
		}
		else if (firstCoalesced == steps.get(0)) {
			keptUp = "none";
		}
		else {
			Step last = steps.get(steps.indexOf(firstCoalesced) - 1);
			keptUp = String.format(Locale.ROOT, "%d msg/s (%.1f events/s)", last.rate(), last.eventsPerSecond());
		}
		String first = (firstCoalesced != null) ? String.format(Locale.ROOT, "%d msg/s: %,d of %,d legs (%.1f %%)",
				firstCoalesced.rate(), firstCoalesced.page().coalesced(), firstCoalesced.page().legs(),
				firstCoalesced.coalescedPercent()) : "—";
		report.append("| # | what | no coalescing up to | first rate that coalesced | events lost |\n|---|---|---|---|---|\n")
			.append(String.format(Locale.ROOT, "| 11 | the live page following `/api/events` | %s | %s | %,d |%n%n", keptUp,
					first, steps.stream().mapToLong((step) -> Math.max(0, step.expected() - step.page().events())).sum()))
			.append("| rate | sent | events on the page | events/s | legs | tokens | coalesced | coalesced, of legs |\n")
			.append("|---|---|---|---|---|---|---|---|\n");
		for (Step step : steps) {
			report.append(String.format(Locale.ROOT, "| %d msg/s | %,d | %,d of %,d | %.1f | %,d | %,d | %,d | %.1f %% |%n",
					step.rate(), step.sent(), step.page().events(), step.expected(), step.eventsPerSecond(),
					step.page().legs(), step.page().tokens(), step.page().coalesced(), step.coalescedPercent()));
		}
		return report.toString();
	}

	/** One rate's figures: messages sent, events expected, seconds of publishing, what the page counted. */
	record Step(int rate, long sent, long expected, double seconds, Counters page) {

		Step plus(Step other) {
			return new Step(this.rate, this.sent + other.sent, this.expected + other.expected,
					this.seconds + other.seconds, this.page.plus(other.page));
		}

		double eventsPerSecond() {
			return this.page.events() / this.seconds;
		}

		double coalescedPercent() {
			return (this.page.legs() == 0) ? 0 : 100.0 * this.page.coalesced() / this.page.legs();
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d sent, %d of %d events on the page (%.1f/s), %d legs, %d tokens, "
					+ "%d coalesced (%.1f %%)", this.sent, this.page.events(), this.expected, eventsPerSecond(),
					this.page.legs(), this.page.tokens(), this.page.coalesced(), coalescedPercent());
		}

	}

	/** {@code #graph-stats}' counts. */
	record Counters(long events, long legs, long tokens, long coalesced) {

		Counters minus(Counters other) {
			return new Counters(this.events - other.events, this.legs - other.legs, this.tokens - other.tokens,
					this.coalesced - other.coalesced);
		}

		Counters plus(Counters other) {
			return new Counters(this.events + other.events, this.legs + other.legs, this.tokens + other.tokens,
					this.coalesced + other.coalesced);
		}

	}

	/** The live page in headless Chromium, as the browser tests open it (LivePageBrowserTests#chromium). */
	static final class Page implements AutoCloseable {

		private final WebDriver browser;

		private Page(WebDriver browser) {
			this.browser = browser;
		}

		/** The page, following {@code /api/events}, tutorial 1's graph drawn. */
		static Page open() throws Exception {
			ChromeOptions options = new ChromeOptions();
			options.setBinary(new File("/usr/bin/chromium"));
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1400,1100",
					"--user-data-dir=" + Files.createTempDirectory("chromium-profile-").toAbsolutePath());
			Page page = new Page(new ChromeDriver(
					new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build(),
					options));
			page.browser.get(Service.BASE + "/");
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (!"live".equals(page.browser.findElement(By.id("connection")).getText())
					|| page.browser.findElements(By.cssSelector("[data-node='hello|producer']")).isEmpty()) {
				if (System.nanoTime() > deadline) {
					page.close();
					throw new IllegalStateException("The live page did not follow /api/events with tutorial 1's graph "
							+ "drawn within 30 s");
				}
				Thread.sleep(100);
			}
			return page;
		}

		String version() {
			return ((RemoteWebDriver) this.browser).getCapabilities().getBrowserVersion();
		}

		Counters counters() {
			return idleCounters(false);
		}

		/**
		 * The counters once the page is idle: no token on its way, and the counts as they were half a
		 * second before (a leg may wait up to 120 ms for its edge, and a message's next leg starts when
		 * the one before has arrived). Fails after 60 s.
		 */
		Counters idle() throws InterruptedException {
			Counters before = null;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (System.nanoTime() < deadline) {
				Counters now = idleCounters(true);
				if (now != null && now.equals(before)) {
					return now;
				}
				before = now;
				Thread.sleep(500);
			}
			throw new IllegalStateException("The live page was not idle within 60 s: " + counters());
		}

		/** Whether {@code condition} came to hold of the counters within {@code seconds}. */
		boolean awaitCounters(Predicate<Counters> condition, int seconds) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
			while (System.nanoTime() < deadline) {
				if (condition.test(counters())) {
					return true;
				}
				Thread.sleep(100);
			}
			return false;
		}

		/** {@code #graph-stats}' counts (0 before the first event); null where {@code idleOnly} and a token moves. */
		private Counters idleCounters(boolean idleOnly) {
			Map<?, ?> stats = (Map<?, ?>) ((JavascriptExecutor) this.browser).executeScript(
					"return arguments[0] && document.querySelector('.token') ? null"
							+ " : { ...document.getElementById('graph-stats').dataset }", idleOnly);
			if (stats == null) {
				return null;
			}
			Function<String, Long> count = (name) -> Long.parseLong(Objects.toString(stats.get(name), "0"));
			return new Counters(count.apply("events"), count.apply("legs"), count.apply("tokens"),
					count.apply("coalesced"));
		}

		@Override
		public void close() {
			this.browser.quit();
		}

	}

}
