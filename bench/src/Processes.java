package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
	/** The kernel's clock ticks per second, the unit of /proc/PID/stat's CPU times. */
	private static final long CLOCK_TICKS = Long.parseLong(exec("getconf", "CLK_TCK").trim());

	/** CPU time process {@code pid} has used so far (user and system, /proc/PID/stat), in seconds. */
	static double cpuSeconds(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
	}

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
