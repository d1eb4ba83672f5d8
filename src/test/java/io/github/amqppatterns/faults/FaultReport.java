package io.github.amqppatterns.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures a fault-injection test measured (lost, duplicated, time to heal), logged and added
 * to {@code target/fault-injection.md}, so a run leaves them to read.
 */
final class FaultReport {

	private static final Logger logger = LoggerFactory.getLogger(FaultReport.class);

	private static final Path FILE = Path.of("target", "fault-injection.md");

	private FaultReport() {
	}

	static void record(String scenario, String figures) {
		logger.warn("Fault injection, {}: {}", scenario, figures);
		try {
			Files.writeString(FILE, "- " + Instant.now() + " **" + scenario + "**: " + figures + "\n",
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
