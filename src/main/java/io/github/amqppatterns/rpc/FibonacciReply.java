package io.github.amqppatterns.rpc;

/**
 * {@code value} is a string: it outgrows any JSON number past n = 78. {@code messageId} is the
 * request's, under which {@code GET /api/messages/{messageId}} tells its journey.
 */
record FibonacciReply(int n, String value, int digits, String server, long millis, String messageId) {
}
