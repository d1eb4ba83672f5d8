package io.github.amqppatterns.broker;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlainTextMessageConverterTests {

	private final PlainTextMessageConverter converter = new PlainTextMessageConverter();

	@Test
	void writesUtf8PlainText() {
		Message message = this.converter.toMessage("Grüße", new MessageProperties());

		assertThat(message.getBody()).isEqualTo("Grüße".getBytes(StandardCharsets.UTF_8));
		assertThat(message.getMessageProperties().getContentType()).isEqualTo("text/plain");
		assertThat(message.getMessageProperties().getContentEncoding()).isEqualTo("UTF-8");
	}

	@Test
	void readsABodyWithoutContentTypeAsUtf8TextAsTheTutorialClientsSendIt() {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(null);

		assertThat(this.converter.fromMessage(new Message("Grüße".getBytes(StandardCharsets.UTF_8), properties)))
			.isEqualTo("Grüße");
	}

	@Test
	void honoursTheContentEncoding() {
		MessageProperties properties = new MessageProperties();
		properties.setContentEncoding("ISO-8859-1");

		assertThat(this.converter
			.fromMessage(new Message("Grüße".getBytes(StandardCharsets.ISO_8859_1), properties))).isEqualTo("Grüße");
	}

	@Test
	void neverDeserializesJavaObjects() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new ArrayList<>(List.of("payload")));
		}
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_SERIALIZED_OBJECT);

		assertThat(this.converter.fromMessage(new Message(bytes.toByteArray(), properties))).isInstanceOf(String.class);
	}

	@Test
	void refusesToSendAnythingButText() {
		assertThatExceptionOfType(MessageConversionException.class)
			.isThrownBy(() -> this.converter.toMessage(42, new MessageProperties()));
	}

}
