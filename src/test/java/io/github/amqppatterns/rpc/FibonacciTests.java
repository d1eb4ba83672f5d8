package io.github.amqppatterns.rpc;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FibonacciTests {

	/** The definition, one addition at a time: slow, obviously right, the oracle for the tests. */
	static BigInteger byAddition(int n) {
		BigInteger a = BigInteger.ZERO;
		BigInteger b = BigInteger.ONE;
		for (int i = 0; i < n; i++) {
			BigInteger next = a.add(b);
			a = b;
			b = next;
		}
		return a;
	}

	@Test
	void knowsTheTutorialsValues() {
		assertThat(Fibonacci.of(0)).isEqualTo(0);
		assertThat(Fibonacci.of(1)).isEqualTo(1);
		assertThat(Fibonacci.of(2)).isEqualTo(1);
		assertThat(Fibonacci.of(10)).isEqualTo(55);
		assertThat(Fibonacci.of(30)).isEqualTo(832040);
		assertThat(Fibonacci.of(92)).isEqualTo(7540113804746346429L);
		assertThat(Fibonacci.of(93)).isEqualTo(new BigInteger("12200160415121876738"));
	}

	@Test
	void agreesWithTheDefinitionForEveryNUpTo3000() {
		BigInteger a = BigInteger.ZERO;
		BigInteger b = BigInteger.ONE;
		for (int n = 0; n <= 3000; n++) {
			assertThat(Fibonacci.of(n)).as("fib(%d)", n).isEqualTo(a);
			BigInteger next = a.add(b);
			a = b;
			b = next;
		}
	}

	/** Cassini: F(n−1)·F(n+1) − F(n)² = (−1)ⁿ, on numbers large enough to take the parallel path. */
	@Test
	void keepsCassinisIdentityWhereItMultipliesOnSeveralCores() {
		for (int n : new int[] { 300_000, 300_001, 1_000_000 }) {
			BigInteger cassini = Fibonacci.of(n - 1).multiply(Fibonacci.of(n + 1)).subtract(Fibonacci.of(n).pow(2));
			assertThat(cassini).as("n = %d", n).isEqualTo(BigInteger.valueOf((n % 2 == 0) ? 1 : -1));
		}
	}

	@Test
	void writesTheSameDecimalAsBigIntegerDoes() {
		for (int n : new int[] { 0, 1, 30, 10_000, 300_000, 300_001, 1_000_000 }) {
			BigInteger value = Fibonacci.of(n);
			assertThat(Fibonacci.decimal(value)).as("fib(%d)", n).isEqualTo(value.toString());
		}
		BigInteger roundTen = BigInteger.TEN.pow(150_000);
		assertThat(Fibonacci.decimal(roundTen)).isEqualTo(roundTen.toString());
		assertThat(Fibonacci.decimal(roundTen.subtract(BigInteger.ONE))).isEqualTo(roundTen.subtract(BigInteger.ONE).toString());
	}

	@Test
	void isExactForLargeN() {
		assertThat(Fibonacci.of(100_000)).isEqualTo(byAddition(100_000));
		assertThat(Fibonacci.of(100_000).toString()).hasSize(20_899);
		assertThat(Fibonacci.of(1_000_000).toString()).hasSize(208_988);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "30", " 30 ", "1000" })
	void readsDecimalWholeNumbersUpToTheLimit(String text) {
		assertThat(Fibonacci.parseN(text, 1000)).isEqualTo(Integer.parseInt(text.trim()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "1e3", "3.5", "-1", "+5", "1001", "2147483648", "99999999999", "0x10" })
	void refusesEverythingElseSayingWhatIsAllowed(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Fibonacci.parseN(text, 1000))
			.withMessageContaining("from 0 to 1000");
	}

}
