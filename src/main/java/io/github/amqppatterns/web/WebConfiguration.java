package io.github.amqppatterns.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new TextBodyArgumentResolver());
	}

	/** Any content type but {@code text/plain} (or none) is a 415; bytes the charset cannot decode a 400. */
	static class TextBodyArgumentResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == TextBody.class;
		}

		@Override
		public TextBody resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
				NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory)
				throws IOException, HttpMediaTypeNotSupportedException {
			HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
			Assert.state(request != null, "TextBody needs a servlet request");
			Charset charset = charsetOf(request.getContentType());
			ByteBuffer body = ByteBuffer.wrap(request.getInputStream().readAllBytes());
			try {
				// unlike new String(bytes, charset), a decoder reports bad bytes instead of replacing them
				return new TextBody(charset.newDecoder().decode(body).toString());
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
					return Objects.requireNonNullElse(mediaType.getCharset(), StandardCharsets.UTF_8);
				}
			}
			catch (IllegalArgumentException ex) {
				// an unparsable type or an unknown charset: not a text/plain body this service can read
			}
			throw new HttpMediaTypeNotSupportedException(mediaType, List.of(MediaType.TEXT_PLAIN), HttpMethod.POST,
					"Content-Type '" + contentType + "' is not supported");
		}

	}

}
