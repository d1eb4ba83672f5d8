package io.github.amqppatterns.live;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page's graph in a real browser (the same headless Chromium as
 * {@link LivePageBrowserTests}): a message published through the page moves a token along its
 * tutorial's graph to the consumer that got it, every name on the graph can be read whole, and
 * messages that come faster than tokens can leave ride together on one, each of them counted.
 */
@IntegrationTest
@EnabledIf(value = "io.github.amqppatterns.live.LivePageBrowserTests#browserInstalledOrInCi",
		disabledReason = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
class LiveGraphBrowserTests {

	/** At most this many messages, so that all their events fit in the page's log (300 entries). */
	private static final int MAX_MESSAGES = 90;

	@Autowired
	TutorialClient client;

	@LocalServerPort
	int port;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void openPage() throws IOException {
		this.browser = LivePageBrowserTests.chromium();
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		this.browser.get("http://localhost:" + this.port + "/");
		this.wait.until((page) -> "live".equals(page.findElement(By.id("connection")).getText()));
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aTaskQueuedThroughThePageTravelsToTheWorkerThatGotIt() {
		WebElement form = this.wait.until((page) -> page.findElement(By.cssSelector("form[data-pattern='workqueues']")));
		String text = "task " + marker();
		WebElement body = form.findElement(By.name("body"));
		body.clear();
		body.sendKeys(text);
		form.findElement(By.tagName("button")).click();

		WebElement delivered = this.wait.until((page) -> page
			.findElements(By.cssSelector("#log li[data-kind='delivered'][data-consumer^='worker-']"))
			.stream()
			.filter((entry) -> entry.getText().contains(text))
			.findFirst()
			.orElse(null));
		String messageId = delivered.getDomAttribute("data-message-id");
		String worker = delivered.getDomAttribute("data-consumer");
		assertThat(messageId).isNotBlank();
		// each leg ends on its node: the token left the producer for the default exchange, and the
		// last one reached the worker that the log says got it
		this.wait.until((page) -> messageId.equals(node(page, "workqueues|exchange|").getDomAttribute("data-last-message-id")));
		this.wait.until((page) -> messageId
			.equals(node(page, "workqueues|consumer|task_queue|" + worker).getDomAttribute("data-last-message-id")));
		assertThat(this.browser.findElement(By.cssSelector("#pattern-workqueues text[data-binding-of='task_queue']")).getText())
			.isEqualTo("task_queue");
		assertThat(Integer.parseInt(this.browser.findElement(By.id("graph-stats")).getDomAttribute("data-tokens")))
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void everyQueueAndStreamNameShowsInFull() {
		Topology topology = this.client.get("/api/topology", Topology.class);
		Stream<String> queues = topology.groups().stream().flatMap((group) -> group.queues().stream()).map(Topology.QueueInfo::name);
		Topology.Streams streams = topology.streams();
		Stream<String> streamNames = (streams == null || !streams.available()) ? Stream.empty()
				: Stream.concat(streams.streams().stream(), (streams.superStream() != null && streams.superStream().available())
						? streams.superStream().partitions().stream() : Stream.empty())
					.map(Topology.StreamInfo::name);
		List<String> names = Stream.concat(queues, streamNames).toList();
		if (BrokerUnderTest.isEmbedded()) {
			assertThat(streams).isNotNull().extracting(Topology.Streams::available).isEqualTo(false);
		}
		else {
			assertThat(names).contains("hello-java-stream", "stream-offset-tracking-java");
			// the super stream needs RabbitMQ 3.13 (TopologyTests: its partitions on RabbitMQ 4)
			if (streams != null && streams.superStream() != null && streams.superStream().available()) {
				assertThat(names).contains("invoices-0");
			}
		}

		for (String name : names) {
			WebElement label = this.wait.until((page) -> page
				.findElements(By.cssSelector(".graph .node.queue[data-queue='" + name + "'] .name"))
				.stream()
				.findFirst()
				.orElse(null));
			assertThat(label.getText()).isEqualTo(name);
		}
		// drawn whole: no label of any node, consumers' included, runs past its box
		List<?> cut = (List<?>) ((JavascriptExecutor) this.browser).executeScript("""
				return [...document.querySelectorAll('.graph .node')].flatMap((node) => {
				  const box = node.querySelector('rect').getBBox();
				  return [...node.querySelectorAll('text')]
				    .filter((text) => text.getBBox().x + text.getComputedTextLength() > box.x + box.width)
				    .map((text) => text.textContent);
				});""");
		assertThat(cut).isEmpty();
		assertThat((Long) ((JavascriptExecutor) this.browser).executeScript(
				"return document.querySelectorAll('.graph .node.consumer:not(.idle)').length"))
			.isGreaterThanOrEqualTo(topology.groups().stream().mapToLong((group) -> group.queues().stream()
				.mapToLong((queue) -> queue.consumers().size()).sum()).sum());
	}

	/**
	 * The page matches the message's headers against each binding as the headers exchange does:
	 * {@code format=pdf, type=log} reaches the queue bound with x-match any of them, not the one
	 * that needs all of {@code format=pdf, type=report}.
	 */
	@Test
	void aHeadersMessageTravelsToTheQueuesItsHeadersMatchOnly() {
		Topology.Group headers = this.client.get("/api/topology", Topology.class).groups().stream()
			.filter((group) -> group.id().equals("headers"))
			.findFirst()
			.orElseThrow();
		String any = boundWith(headers, "any");
		String all = boundWith(headers, "all");
		String messageId = this.client.postJson("/api/headers",
				Map.of("headers", Map.of("format", "pdf", "type", "log"), "message", "headers " + marker())).messageId();

		this.wait.until((page) -> messageId.equals(node(page, "headers|queue|" + any).getDomAttribute("data-last-message-id")));
		// the token went on to the consumer; the exchange's legs to every queue it matched had left together
		this.wait.until((page) -> page.findElements(By.cssSelector("#pattern-headers .node.consumer"))
			.stream()
			.anyMatch((consumer) -> messageId.equals(consumer.getDomAttribute("data-last-message-id"))));
		assertThat(node(this.browser, "headers|queue|" + all).getDomAttribute("data-last-message-id")).isNotEqualTo(messageId);
	}

	/**
	 * A message published to a stream travels from the producer straight to the stream, then to its
	 * consumer; one published to the super stream goes through it to the partition its key picked.
	 */
	@Test
	void aStreamMessageTravelsToTheStreamAndASuperStreamsToItsPartition() {
		if (BrokerUnderTest.isEmbedded()) {
			assertThat(this.wait.until((page) -> page.findElement(By.cssSelector("#pattern-streams .unavailable"))).getText())
				.contains("embedded broker has no streams");
			return;
		}
		String toStream = this.client.postText("/api/streams/hello", "stream " + marker(),
				LiveEventsTests.StreamPublished.class).messageId();
		this.wait.until((page) -> toStream.equals(node(page, "streams|queue|hello-java-stream").getDomAttribute("data-last-message-id")));
		this.wait.until((page) -> toStream.equals(node(page, "streams|consumer|hello-java-stream|hello-stream-receiver")
			.getDomAttribute("data-last-message-id")));

		Topology.Streams streams = this.client.get("/api/topology", Topology.class).streams();
		if (streams == null || streams.superStream() == null || !streams.superStream().available()) {
			return; // RabbitMQ before 3.13: TopologyTests checks that the topology says so
		}
		String invoice = this.client.postText("/api/streams/super-stream?key=customer-7", "invoice " + marker(),
				LiveEventsTests.SuperStreamPublished.class).messageId();
		this.wait.until((page) -> invoice.equals(node(page, "streams|exchange|invoices").getDomAttribute("data-last-message-id")));
		this.wait.until((page) -> page.findElements(By.cssSelector("#pattern-streams .node.queue[data-type='partition']"))
			.stream()
			.anyMatch((partition) -> invoice.equals(partition.getDomAttribute("data-last-message-id"))));
	}

	private static String boundWith(Topology.Group group, String match) {
		return group.bindings().stream()
			.filter((binding) -> match.equals(String.valueOf(binding.arguments().get("x-match"))))
			.map(Topology.BindingInfo::queue)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void messagesFasterThanTheTokensRideTogetherAndEveryOneIsCounted() {
		JavascriptExecutor page = (JavascriptExecutor) this.browser;
		this.wait.until((driver) -> !driver.findElements(By.cssSelector("[data-node='hello|producer']")).isEmpty());
		// every token drawn on tutorial 1's graph from now on, as it appears: how many legs it carries
		// and the count it shows
		page.executeScript("""
				window.helloTokens = [];
				new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach((node) => {
				  if (node.classList?.contains('token') && node.dataset.to.startsWith('hello|')) {
				    window.helloTokens.push({ count: Number(node.dataset.count), shown: node.querySelector('.count')?.textContent ?? '' });
				  }
				}))).observe(document.getElementById('patterns'), { childList: true, subtree: true });""");

		// back to back, until the page has had to put legs on another's token: however fast or slow
		// this machine is, the test goes on until that happened
		List<String> sent = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (stat("coalesced") == 0) {
			assertThat(sent).as("messages published without the page putting two on one token").hasSizeLessThan(MAX_MESSAGES);
			assertThat(System.nanoTime()).as("60 s of publishing without the page putting two messages on one token")
				.isLessThan(deadline);
			sent.add(this.client.postText("/api/hello", "Hello World! " + marker()).messageId());
		}

		// each message's three events in the log (it keeps 300: MAX_MESSAGES × 3 fit)
		Map<String, Long> expected = Map.of("published", (long) sent.size(), "confirmed", (long) sent.size(), "delivered",
				(long) sent.size());
		eventually().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kindsInLog(page, sent))
			.as("the log's events of the %d messages published", sent.size())
			.isEqualTo(expected));
		// idle: no token on its way, and the counts as they were half a second before
		AtomicReference<Object> before = new AtomicReference<>();
		eventually().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			Object now = page.executeScript(
					"return document.querySelector('.token') ? null : { ...document.getElementById('graph-stats').dataset }");
			return now != null && now.equals(before.getAndSet(now));
		});

		assertThat(stat("legs")).as("legs asked for: each drawn on a token of its own or counted on another's")
			.isEqualTo(stat("tokens") + stat("coalesced"));
		List<Map<?, ?>> tokens = ((List<?>) page.executeScript("return window.helloTokens")).stream()
			.<Map<?, ?>>map((token) -> (Map<?, ?>) token)
			.toList();
		// a message of tutorial 1 has three legs (published, confirmed, delivered), one per event
		assertThat(tokens.stream().mapToLong((token) -> (Long) token.get("count")).sum())
			.as("legs carried by tutorial 1's tokens").isEqualTo(3L * sent.size());
		assertThat(tokens.stream().filter((token) -> (Long) token.get("count") > 1).toList())
			.as("tutorial 1's tokens that carried several legs").isNotEmpty()
			.allSatisfy((token) -> assertThat(token.get("shown")).isEqualTo("×" + token.get("count")));
	}

	/** One of {@code #graph-stats}' counts: 0 before the page has had an event. */
	private long stat(String name) {
		String value = this.browser.findElement(By.id("graph-stats")).getDomAttribute("data-" + name);
		return (value != null) ? Long.parseLong(value) : 0;
	}

	/** How many entries of each kind the page's log holds for {@code messageIds}. */
	private static Map<String, Long> kindsInLog(JavascriptExecutor page, List<String> messageIds) {
		List<?> kinds = (List<?>) page.executeScript("""
				const ids = new Set(arguments[0]);
				return [...document.querySelectorAll('#log li')].filter((entry) => ids.has(entry.dataset.messageId))
				  .map((entry) => entry.dataset.kind);""", messageIds);
		return kinds.stream().map(String.class::cast).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static WebElement node(WebDriver page, String key) {
		return page.findElement(By.cssSelector("[data-node='" + key + "']"));
	}

}
