package io.github.amqppatterns.web;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Enums whose constants a request names by an id, lower case as the tutorials write them. */
public final class EnumIds {

	private EnumIds() {
	}

	public static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<E, String> id, String value) {
		return Arrays.stream(type.getEnumConstants()).filter((constant) -> id.apply(constant).equals(value)).findFirst();
	}

	public static <E extends Enum<E>> String list(Class<E> type, Function<E, String> id) {
		return Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", "));
	}

	/** The constant {@code value} names, else a 400 naming {@code input}: {@code Unknown severity 'x'; allowed: …} */
	public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String input, String value) {
		return find(type, id, value).orElseThrow(() -> new InvalidInputException(input,
				"Unknown " + input + " '" + value + "'; allowed: " + list(type, id)));
	}

}
