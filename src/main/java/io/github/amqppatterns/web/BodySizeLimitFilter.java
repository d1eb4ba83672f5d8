package io.github.amqppatterns.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds request bodies: a declared {@code Content-Length} over the limit fails as the body is
 * opened, a chunked body on the first byte read past it, while the handler reads it (so a 413).
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	BodySizeLimitFilter(BodySizeProperties properties) {
		this.maxBytes = properties.maxBodySize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new LimitedRequest(request), response);
	}

	private void check(long bytes) {
		if (bytes > this.maxBytes) {
			throw new BodyTooLargeException(this.maxBytes);
		}
	}

	private final class LimitedRequest extends HttpServletRequestWrapper {

		private @Nullable ServletInputStream limited;

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			check(getContentLengthLong());
			if (this.limited == null) {
				this.limited = new LimitedInputStream(super.getInputStream());
			}
			return this.limited;
		}

	}

	private final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long read;

		LimitedInputStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b != -1) {
				check(++this.read);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				this.read += n;
				check(this.read);
			}
			return n;
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

	/** Unchecked, so that it passes unchanged through the message converters that read the body. */
	static final class BodyTooLargeException extends ApiException {

		BodyTooLargeException(long maxBytes) {
			super(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
					"Request body is larger than the limit of " + maxBytes + " bytes (amqp-patterns.max-body-size)");
			getBody().setProperty("maxBytes", maxBytes);
		}

	}

}
