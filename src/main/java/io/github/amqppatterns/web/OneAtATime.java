package io.github.amqppatterns.web;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;

/** Runs of one kind, one at a time: a second one asked for meanwhile is a 409, not a wait. */
public final class OneAtATime {

	private final ReentrantLock lock = new ReentrantLock();

	private final String run;

	/** @param run what runs, as a sentence starts: "A publisher-confirms run" */
	public OneAtATime(String run) {
		this.run = run;
	}

	public <T> T run(Supplier<T> work) {
		if (!this.lock.tryLock()) {
			throw new ApiException(HttpStatus.CONFLICT, "Conflict", this.run + " is in progress; one runs at a time");
		}
		try {
			return work.get();
		}
		finally {
			this.lock.unlock();
		}
	}

}
