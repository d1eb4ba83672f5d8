package io.github.amqppatterns.web;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Enums whose constants a request names by an id (lower case, as the tutorials write them): the
 * severities, the confirm strategies, the delivery log's patterns.
 */
public final class EnumIds {

	private EnumIds() {
	}

	/** The constant of {@code type} whose id is {@code value}, if there is one. */
	public static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<E, String> id, String value) {
		return Arrays.stream(type.getEnumConstants()).filter((constant) -> id.apply(constant).equals(value)).findFirst();
	}

	/** The ids of {@code type}'s constants in their declared order, as an error lists them: {@code a, b, c}. */
	public static <E extends Enum<E>> String list(Class<E> type, Function<E, String> id) {
		return Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", "));
	}

	/**
	 * The constant of {@code type} that the request value {@code value} names.
	 * @param input the name of the value in the request, as the error shows it ({@code severity})
	 * @throws InvalidInputException when it names none: {@code Unknown severity 'x'; allowed: …}
	 */
	public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String input, String value) {
		return find(type, id, value).orElseThrow(() -> new InvalidInputException(input,
				"Unknown " + input + " '" + value + "'; allowed: " + list(type, id)));
	}

}
