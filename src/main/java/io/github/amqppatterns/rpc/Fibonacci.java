package io.github.amqppatterns.rpc;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Exact Fibonacci numbers by fast doubling: O(log n) big-number multiplications, where the
 * tutorial's recursion makes O(fib(n)) calls. With F(k) and F(k+1) known,
 * <pre>
 * F(2k)   = F(k) · (2·F(k+1) − F(k))
 * F(2k+1) = F(k)² + F(k+1)²
 * </pre>
 * walking the bits of n from the highest.
 */
final class Fibonacci {

	private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,10}");

	private Fibonacci() {
	}

	static BigInteger of(int n) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative");
		}
		BigInteger a = BigInteger.ZERO;
		BigInteger b = BigInteger.ONE;
		for (int bit = Integer.highestOneBit(n); bit != 0; bit >>>= 1) {
			BigInteger even = a.multiply(b.shiftLeft(1).subtract(a));
			BigInteger odd = a.multiply(a).add(b.multiply(b));
			if ((n & bit) != 0) {
				a = odd;
				b = even.add(odd);
			}
			else {
				a = even;
				b = odd;
			}
		}
		return a;
	}

	/**
	 * Reads a request's {@code n}: a decimal whole number from 0 to {@code maxN}, as the tutorial
	 * clients send it ({@code str(n)}).
	 * @throws IllegalArgumentException saying what is allowed
	 */
	static int parseN(String text, int maxN) {
		String trimmed = text.trim();
		if (!DECIMAL.matcher(trimmed).matches() || Long.parseLong(trimmed) > maxN) {
			String shown = (trimmed.length() > 40) ? trimmed.substring(0, 40) + "…" : trimmed;
			throw new IllegalArgumentException(
					"n must be a whole number from 0 to " + maxN + " (amqp-patterns.rpc.max-n); got '" + shown + "'");
		}
		return Integer.parseInt(trimmed);
	}

}
