package io.github.amqppatterns.rpc;

/**
 * The answer of {@code GET /api/fib/{n}}.
 *
 * @param n the n asked for
 * @param value fib(n), every digit, as a string (it outgrows any JSON number past n = 78)
 * @param digits how many digits {@code value} has
 * @param server which server instance and consumer computed it
 * @param millis the round trip through the broker, in milliseconds
 */
record FibonacciReply(int n, String value, int digits, String server, long millis) {
}
