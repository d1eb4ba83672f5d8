package io.github.amqppatterns.rpc;

/** {@code value} is a string: it outgrows any JSON number past n = 78. */
record FibonacciReply(int n, String value, int digits, String server, long millis) {
}
