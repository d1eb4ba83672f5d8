package io.github.amqppatterns.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads a {@link TextBody}: {@code text/plain} (or no content type), strictly decoded, bounded by
 * {@link BodySizeLimitFilter}. Any other content type is a 415; bytes that are not valid in the
 * charset are a 400, never silently replaced.
 */
class TextBodyArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == TextBody.class;
	}

	@Override
	public TextBody resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory)
			throws IOException, HttpMediaTypeNotSupportedException {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		if (request == null) {
			throw new IllegalStateException("TextBody needs a servlet request");
		}
		Charset charset = charsetOf(request.getContentType());
		byte[] body = request.getInputStream().readAllBytes();
		try {
			return new TextBody(charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString());
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException("body", "The body is not valid " + charset.name() + " text");
		}
	}

	private static Charset charsetOf(@Nullable String contentType) throws HttpMediaTypeNotSupportedException {
		if (!StringUtils.hasText(contentType)) {
			return StandardCharsets.UTF_8;
		}
		MediaType mediaType = null;
		try {
			mediaType = MediaType.parseMediaType(contentType);
			if (MediaType.TEXT_PLAIN.equalsTypeAndSubtype(mediaType)) {
				Charset charset = mediaType.getCharset();
				return (charset != null) ? charset : StandardCharsets.UTF_8;
			}
		}
		catch (IllegalArgumentException ex) {
			// an unparsable type or an unknown charset: not a text/plain body this service can read
		}
		throw new HttpMediaTypeNotSupportedException(mediaType, List.of(MediaType.TEXT_PLAIN), HttpMethod.POST,
				"Content-Type '" + contentType + "' is not supported");
	}

}
