package bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's memory at one moment: its resident set ({@code VmRSS} in /proc/PID/status) and its
 * heap in use (Micrometer's {@code jvm.memory.used}, {@code area=heap}, summed over the pools). The
 * service exposes health, info and prometheus, not the metrics endpoint, so the heap is read from
 * {@code /actuator/prometheus}, the same meter; -1 where it could not be read. Each service leaves
 * its memory here as it stops ({@link Service#close()}), so a scenario that starts and stops its own
 * services still has figures for after it.
 */
record Memory(String service, long rssKib, long heapBytes) {

	private static final List<Memory> STOPPED = new ArrayList<>();

	static synchronized void stopped(Memory memory) {
		STOPPED.add(memory);
	}

	/** How many services have stopped so far: a mark for {@link #stoppedSince}. */
	static synchronized int mark() {
		return STOPPED.size();
	}

	/** The memory of each service that stopped since {@code mark}, in order. */
	static synchronized List<Memory> stoppedSince(int mark) {
		return new ArrayList<>(STOPPED.subList(mark, STOPPED.size()));
	}

	/** The scenarios a service ran, and its memory once they were done. */
	record After(String scenarios, Memory memory) {
	}

}
