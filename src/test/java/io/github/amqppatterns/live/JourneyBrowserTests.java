package io.github.amqppatterns.live;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import io.github.amqppatterns.workqueues.OwnDeadLetters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message's journey, tutorial 7 and the dead letters on the live page, in the browser and on the
 * terms of {@link LivePageBrowserTests}. The journey opens on the page's {@code open-journey} event,
 * which the test sends as a click on a message would.
 */
@IntegrationTest
@EnabledIf(value = "io.github.amqppatterns.live.LivePageBrowserTests#browserInstalledOrInCi",
		disabledReason = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
class JourneyBrowserTests {

	/** The panels and an open journey, to look at after a run. */
	static final Path SCREENSHOT = Path.of("target", "screenshots", "journey.png");

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitTemplate rabbitTemplate;

	@LocalServerPort
	int port;

	@Value("${amqp-patterns.work.max-retries:3}")
	int maxRetries;

	private final Set<String> poisoned = ConcurrentHashMap.newKeySet();

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws IOException {
		this.browser = LivePageBrowserTests.chromium();
		// the journey is drawn again as it goes on: an element read just then is gone, and read again
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		this.wait.ignoring(StaleElementReferenceException.class);
		this.browser.get("http://localhost:" + this.port + "/");
		this.wait.until((page) -> "live".equals(page.findElement(By.id("connection")).getText()));
	}

	@AfterEach
	void closeBrowserAndTakeOwnDeadLetters() {
		if (this.browser != null) {
			this.browser.quit();
		}
		OwnDeadLetters.take(this.rabbitTemplate, this.poisoned);
	}

	@Test
	void opensTheJourneyOfAMessagePublishedThroughThePage() {
		String text = "journey " + marker();
		WebElement form = this.wait.until((page) -> page.findElement(By.cssSelector("form[data-pattern='hello']")));
		WebElement body = form.findElement(By.name("body"));
		body.clear();
		body.sendKeys(text);
		form.findElement(By.tagName("button")).click();
		String messageId = awaitDelivered(MessagingPattern.HELLO, text).messageId();

		openJourney(messageId);

		WebElement journey = this.browser.findElement(By.id("journey"));
		this.wait.until((page) -> stepKinds(journey).containsAll(List.of("published", "confirmed", "delivered")));
		assertThat(stepKinds(journey).get(0)).isEqualTo("published");
		assertThat(journey.findElement(By.tagName("h2")).getText()).contains(messageId);
		assertThat(fact(journey, "consumers")).isEqualTo("hello-receiver");
		assertThat(fact(journey, "protocol")).isEqualTo("AMQP 0-9-1");
		assertThat(journey.findElement(By.cssSelector(".steps li[data-kind='published'] .after")).getText())
			.isEqualTo("+0 ms");
		assertThat(journey.findElement(By.cssSelector(".steps li[data-kind='delivered']")).getText())
			.contains("from hello to hello-receiver");

		journey.findElement(By.className("close")).click();
		this.wait.until((page) -> !journey.isDisplayed());
	}

	@Test
	void runsTutorial7AndChartsEachRun() {
		WebElement panel = this.wait.until((page) -> page.findElement(By.id("panel-confirms")));
		new Select(panel.findElement(By.name("strategy"))).selectByValue("async");
		WebElement count = panel.findElement(By.name("count"));
		count.clear();
		count.sendKeys("200");
		panel.findElement(By.tagName("button")).click();
		this.wait.until((page) -> panel.findElement(By.tagName("output")).getText().contains("200 acked"));

		new Select(panel.findElement(By.name("strategy"))).selectByValue("individual");
		panel.findElement(By.tagName("button")).click();
		this.wait.until((page) -> panel.findElements(By.cssSelector("#confirms-chart .run")).size() == 2);

		List<WebElement> bars = panel.findElements(By.cssSelector("#confirms-chart .run"));
		assertThat(bars).extracting((bar) -> bar.getAttribute("data-strategy")).containsExactly("async", "individual");
		assertThat(bars).allSatisfy((bar) -> {
			assertThat(Double.parseDouble(bar.findElement(By.tagName("rect")).getAttribute("width"))).isPositive();
			assertThat(bar.getText()).contains("200").contains("/s");
		});
	}

	@Test
	void listsADeadLetterOpensItsJourneyAndReplaysIt() throws IOException {
		String text = "poison " + marker();
		WebElement form = this.wait
			.until((page) -> page.findElement(By.cssSelector("form[data-pattern='workqueues']")));
		WebElement body = form.findElement(By.name("body"));
		body.clear();
		body.sendKeys(text);
		form.findElement(By.tagName("button")).click();
		String messageId = eventually().atMost(Duration.ofSeconds(30))
			.until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES, text), (found) -> found.size() == 1
					&& found.get(0).deadLetteredAt() != null)
			.get(0)
			.messageId();
		this.poisoned.add(messageId);
		// on the graph, the worker that gave up published it to the dead-letter exchange, which
		// routed it to the dead-letter queue; the producer never publishes there
		this.wait.until((page) -> messageId.equals(page.findElement(By.cssSelector("[data-node='workqueues|queue|task_queue.dlq']"))
			.getDomAttribute("data-last-message-id")));
		assertThat(this.browser.findElement(By.cssSelector("[data-node='workqueues|exchange|task_queue.dlx']"))
			.getDomAttribute("data-last-message-id")).isEqualTo(messageId);
		assertThat(this.browser.findElements(By.cssSelector("#pattern-workqueues path.dead-letter[data-to='workqueues|exchange|task_queue.dlx']")))
			.hasSizeGreaterThanOrEqualTo(2);
		assertThat(this.browser.findElements(By.cssSelector("#pattern-workqueues path[data-from='workqueues|producer'][data-to='workqueues|exchange|task_queue.dlx']")))
			.isEmpty();

		WebElement panel = this.browser.findElement(By.id("panel-dead-letters"));
		By listed = By.cssSelector(".dead-letters li[data-message-id='" + messageId + "']");
		this.wait.until((page) -> {
			panel.findElement(By.xpath(".//button[text()='List']")).click();
			return !panel.findElements(listed).isEmpty();
		});
		assertThat(panel.findElement(listed).getText()).contains(text).contains((this.maxRetries + 1) + " tries");

		panel.findElement(listed).findElement(By.tagName("button")).click();
		WebElement journey = this.browser.findElement(By.id("journey"));
		this.wait.until((page) -> "dead-lettered".equals(fact(journey, "outcome")));
		assertThat(fact(journey, "failed tries")).isEqualTo(Integer.toString(this.maxRetries + 1));

		panel.findElement(By.xpath(".//button[text()='Replay all']")).click();
		this.wait.until((page) -> panel.findElement(By.tagName("output")).getText().startsWith("replayed"));
		// back in task_queue, tried again and given up on again, which the open journey shows as it goes
		this.wait.until((page) -> stepKinds(journey).stream().filter("dead-lettered"::equals).count() == 2);
		assertThat(stepKinds(journey).stream().filter("published"::equals)).hasSize(2);

		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView()", panel);
		Files.createDirectories(SCREENSHOT.getParent());
		File shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
	}

	private Delivery awaitDelivered(MessagingPattern pattern, String text) {
		return eventually().until(() -> this.client.deliveries(pattern, text), (found) -> found.size() == 1).get(0);
	}

	/** What a click on a message in the graph or the event log sends. */
	private void openJourney(String messageId) {
		((JavascriptExecutor) this.browser).executeScript(
				"document.dispatchEvent(new CustomEvent('open-journey', {detail: {messageId: arguments[0]}}))",
				messageId);
		this.wait.until((page) -> page.findElement(By.id("journey")).isDisplayed());
	}

	private static List<String> stepKinds(WebElement journey) {
		return journey.findElements(By.cssSelector(".steps li[data-kind]"))
			.stream()
			.map((step) -> step.getAttribute("data-kind"))
			.toList();
	}

	private static String fact(WebElement journey, String name) {
		return journey.findElements(By.cssSelector("dd[data-fact='" + name + "']"))
			.stream()
			.map(WebElement::getText)
			.findFirst()
			.orElse("");
	}

}
