package io.github.amqppatterns.workqueues;

/**
 * What a worker throws for a task whose body contains {@value #MARKER}: the way to see, by hand
 * or in a test, what becomes of a task a worker cannot process (retries, then the dead-letter
 * queue).
 */
class PoisonTaskException extends RuntimeException {

	static final String MARKER = "poison";

	PoisonTaskException() {
		super("The task contains '" + MARKER + "'; workers fail on it on purpose");
	}

	static boolean isPoison(String task) {
		return task.contains(MARKER);
	}

}
