package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The processes the benchmark starts: the service, PerfTest, wrk. */
final class Processes {

	private Processes() {
	}

	/** The java command of this JVM, for the service's and PerfTest's. */
	static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/** Runs {@code command} to its end: its output; an exception where it fails. */
	static String exec(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Asks {@code process} to end, and ends it if it has not within 30 s. */
	static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	/** Ends every process the benchmark started when it ends, however it ends (a failure, Ctrl-C, timeout). */
	static void stopAllOnExit() {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
	}

}
