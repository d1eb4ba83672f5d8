package io.github.amqppatterns.live;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real browser: Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver (nothing is downloaded). CI ({@code CI=true}) always runs it and fails
 * when the browser is missing ({@code .ci/run} installs it); elsewhere it runs where the browser
 * is installed. Public for the cluster tests, which open the page on a three-node cluster.
 */
@IntegrationTest
@EnabledIf(value = "browserInstalledOrInCi",
		disabledReason = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
public class LivePageBrowserTests {

	static final File CHROMIUM = new File("/usr/bin/chromium");

	static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	static final Path SCREENSHOT = Path.of("target", "screenshots", "live-page.png");

	@Autowired
	RabbitConnectionDetails connection;

	@LocalServerPort
	int port;

	private WebDriver browser;

	public static boolean browserInstalledOrInCi() {
		return (CHROMIUM.canExecute() && CHROMEDRIVER.canExecute()) || System.getenv("CI") != null;
	}

	@BeforeEach
	void openBrowser() throws IOException {
		this.browser = chromium();
	}

	/** Headless Chromium through chromedriver, with a profile of its own: the live page's tests share it. */
	public static WebDriver chromium() throws IOException {
		assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver)").canRead();
		assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").canRead();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1400,1100",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile-").toAbsolutePath());
		return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void showsALazyPinkRabbitReachingQ2Only() throws IOException {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		this.browser.get("http://localhost:" + this.port + "/");
		wait.until((page) -> "live".equals(page.findElement(By.id("connection")).getText()));
		WebElement form = wait.until((page) -> page.findElement(By.cssSelector("form[data-pattern='topics']")));
		assertThat(form.findElement(By.name("routingKey")).getAttribute("value")).isEqualTo("lazy.pink.rabbit");

		String text = "pink " + marker();
		WebElement body = form.findElement(By.name("body"));
		body.clear();
		body.sendKeys(text);
		form.findElement(By.tagName("button")).click();

		wait.until((page) -> !deliveries(page, "Q2", text).isEmpty());
		assertThat(form.findElement(By.tagName("output")).getText()).startsWith("202");
		assertThat(this.browser.findElements(By.cssSelector("#log li[data-kind='published']")))
			.anySatisfy((entry) -> assertThat(entry.getText()).contains("lazy.pink.rabbit")
				.contains(text)
				.contains("AMQP 0-9-1"));
		// it reached Q2 once, Q1 never: give Q1 every chance to show up
		WebDriverWait settle = new WebDriverWait(this.browser, Duration.ofMillis(800));
		try {
			settle.until((page) -> !deliveries(page, "Q1", text).isEmpty());
		}
		catch (org.openqa.selenium.TimeoutException expected) {
			// nothing for Q1, as the tutorial says
		}
		assertThat(deliveries(this.browser, "Q1", text)).isEmpty();
		assertThat(deliveries(this.browser, "Q2", text)).hasSize(1);

		Files.createDirectories(SCREENSHOT.getParent());
		File shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		assertThat(SCREENSHOT).isNotEmptyFile();
	}

	/** The streams' section: a form where the broker has streams, what is missing where it has not. */
	@Test
	void showsTheStreamsSectionOrWhyItIsUnavailable() {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		this.browser.get("http://localhost:" + this.port + "/");
		WebElement section = wait.until((page) -> page.findElement(By.id("pattern-streams")));
		if (BrokerUnderTest.isEmbedded()) {
			assertThat(section.findElement(By.className("unavailable")).getText())
				.contains("The embedded broker has no streams");
		}
		else {
			WebElement form = wait.until((page) -> page.findElement(By.cssSelector("form[data-pattern='streams']")));
			String text = "stream " + marker();
			WebElement body = form.findElement(By.name("body"));
			body.clear();
			body.sendKeys(text);
			form.findElement(By.tagName("button")).click();
			wait.until((page) -> !deliveries(page, "hello-stream-receiver", text).isEmpty());
			showsTheSuperStream(wait);
		}
	}

	private void showsTheSuperStream(WebDriverWait wait) {
		WebElement superStream = wait.until((page) -> page.findElement(By.id("super-stream")));
		if (BrokerUnderTest.rabbitMqVersion(this.connection).compareTo(Runtime.Version.parse("3.13")) < 0) {
			assertThat(superStream.findElement(By.className("unavailable")).getText())
				.contains("super streams need RabbitMQ 3.13 or later");
			return;
		}
		wait.until((page) -> page.findElements(By.cssSelector("#pattern-streams .node.queue[data-queue^='invoices-']"))
			.size() == 3);
		WebElement form = superStream.findElement(By.cssSelector("form[data-pattern='super-stream']"));
		String text = "invoice " + marker();
		WebElement body = form.findElement(By.name("body"));
		body.clear();
		body.sendKeys(text);
		form.findElement(By.tagName("button")).click();
		wait.until((page) -> page
			.findElements(By.cssSelector("#log li[data-kind='delivered'][data-consumer^='invoice-processor-']"))
			.stream()
			.anyMatch((entry) -> entry.getText().contains(text)));
	}

	private static List<WebElement> deliveries(WebDriver page, String consumer, String text) {
		return page
			.findElements(By.cssSelector("#log li[data-kind='delivered'][data-consumer='" + consumer + "']"))
			.stream()
			.filter((entry) -> entry.getText().contains(text))
			.toList();
	}

}
