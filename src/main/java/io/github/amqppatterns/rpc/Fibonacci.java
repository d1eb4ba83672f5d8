package io.github.amqppatterns.rpc;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.github.amqppatterns.broker.PlainText;

/**
 * Exact Fibonacci numbers by fast doubling, O(log n) multiplications where the tutorial's recursion
 * makes O(fib(n)) calls: F(2k) = F(k)·(2·F(k+1) − F(k)), F(2k+1) = F(k)² + F(k+1)². Large numbers
 * use several cores. The last step computes only F(n): it costs as much as all the others.
 */
final class Fibonacci {

	private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,10}");

	private static final int PARALLEL_BITS = 1 << 16;

	private static final int PARALLEL_DECIMAL_BITS = 200_000;

	private Fibonacci() {
	}

	static BigInteger of(int n) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative");
		}
		BigInteger a = BigInteger.ZERO; // F(k)
		BigInteger b = BigInteger.ONE; // F(k+1)
		for (int bit = Integer.highestOneBit(n); bit != 0; bit >>>= 1) {
			boolean odd = (n & bit) != 0;
			if (bit == 1) {
				return odd ? sumOfSquares(a, b) : doubled(a, b);
			}
			BigInteger k = a;
			BigInteger k1 = b;
			CompletableFuture<BigInteger> even = (a.bitLength() > PARALLEL_BITS)
					? CompletableFuture.supplyAsync(() -> doubled(k, k1))
					: CompletableFuture.completedFuture(doubled(a, b));
			BigInteger f2k1 = sumOfSquares(a, b);
			BigInteger f2k = even.join();
			a = odd ? f2k1 : f2k;
			b = odd ? f2k.add(f2k1) : f2k1;
		}
		return a;
	}

	/** F(2k) from F(k) and F(k+1). */
	private static BigInteger doubled(BigInteger a, BigInteger b) {
		return a.multiply(b.shiftLeft(1).subtract(a));
	}

	private static BigInteger sumOfSquares(BigInteger a, BigInteger b) {
		if (a.bitLength() <= PARALLEL_BITS) {
			return a.multiply(a).add(b.multiply(b));
		}
		CompletableFuture<BigInteger> square = CompletableFuture.supplyAsync(() -> a.multiply(a));
		return b.multiply(b).add(square.join());
	}

	/** {@code value.toString()}, a large value's halves converted at once. */
	static String decimal(BigInteger value) {
		if (value.signum() < 0 || value.bitLength() <= PARALLEL_DECIMAL_BITS) {
			return value.toString();
		}
		int lowDigits = (int) (value.bitLength() * Math.log10(2) / 2);
		BigInteger[] halves = value.divideAndRemainder(BigInteger.TEN.pow(lowDigits));
		CompletableFuture<String> high = CompletableFuture.supplyAsync(halves[0]::toString);
		String low = halves[1].toString();
		StringBuilder decimal = new StringBuilder(lowDigits * 2 + 2).append(high.join());
		for (int zeros = lowDigits - low.length(); zeros > 0; zeros--) {
			decimal.append('0');
		}
		return decimal.append(low).toString();
	}

	/** A request's n, in decimal as the tutorial clients send it ({@code str(n)}). */
	static int parseN(String text, int maxN) {
		String trimmed = text.trim();
		if (!DECIMAL.matcher(trimmed).matches() || Long.parseLong(trimmed) > maxN) {
			throw new IllegalArgumentException("n must be a whole number from 0 to " + maxN
					+ " (amqp-patterns.rpc.max-n); got '" + PlainText.cut(trimmed, 40) + "'");
		}
		return Integer.parseInt(trimmed);
	}

}
