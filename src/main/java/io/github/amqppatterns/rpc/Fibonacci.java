package io.github.amqppatterns.rpc;

import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.github.amqppatterns.broker.PlainText;

/**
 * Exact Fibonacci numbers by fast doubling: O(log n) big-number multiplications, where the
 * tutorial's recursion makes O(fib(n)) calls. With F(k) and F(k+1) known,
 * <pre>
 * F(2k)   = F(k) · (2·F(k+1) − F(k))
 * F(2k+1) = F(k)² + F(k+1)²
 * </pre>
 * walking the bits of n from the highest.
 * <p>
 * For large numbers the work is shared between cores: the three products of a step run at once
 * (F(k)·(2·F(k+1) − F(k)), F(k)², F(k+1)²), and the decimal string is made in two halves at once.
 * The last step computes only F(n): being the largest, it alone costs about as much as all the
 * steps before it.
 */
final class Fibonacci {

	private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,10}");

	/** Numbers above this many bits are multiplied and converted on several cores. */
	private static final int PARALLEL_BITS = 1 << 16;

	/** Numbers above this many bits are converted to decimal in two halves at once. */
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
				return odd ? sumOfSquares(a, b) : a.multiply(b.shiftLeft(1).subtract(a));
			}
			BigInteger f2k;
			BigInteger f2k1;
			if (a.bitLength() > PARALLEL_BITS) {
				BigInteger k = a;
				BigInteger k1 = b;
				CompletableFuture<BigInteger> even = CompletableFuture
					.supplyAsync(() -> k.multiply(k1.shiftLeft(1).subtract(k)));
				f2k1 = sumOfSquares(a, b);
				f2k = even.join();
			}
			else {
				f2k = a.multiply(b.shiftLeft(1).subtract(a));
				f2k1 = a.multiply(a).add(b.multiply(b));
			}
			a = odd ? f2k1 : f2k;
			b = odd ? f2k.add(f2k1) : f2k1;
		}
		return a;
	}

	/** a² + b², the two squares at once for large numbers. */
	private static BigInteger sumOfSquares(BigInteger a, BigInteger b) {
		if (a.bitLength() <= PARALLEL_BITS) {
			return a.multiply(a).add(b.multiply(b));
		}
		CompletableFuture<BigInteger> square = CompletableFuture.supplyAsync(() -> a.multiply(a));
		return b.multiply(b).add(square.join());
	}

	/**
	 * {@code value} in decimal, as {@link BigInteger#toString()} gives it; a large one is split
	 * by a power of ten and its halves converted at once.
	 */
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

	/**
	 * Reads a request's {@code n}: a decimal whole number from 0 to {@code maxN}, as the tutorial
	 * clients send it ({@code str(n)}).
	 * @throws IllegalArgumentException saying what is allowed
	 */
	static int parseN(String text, int maxN) {
		String trimmed = text.trim();
		if (!DECIMAL.matcher(trimmed).matches() || Long.parseLong(trimmed) > maxN) {
			throw new IllegalArgumentException("n must be a whole number from 0 to " + maxN
					+ " (amqp-patterns.rpc.max-n); got '" + PlainText.cut(trimmed, 40) + "'");
		}
		return Integer.parseInt(trimmed);
	}

}
