package io.github.amqppatterns.rpc;

import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.InvalidInputException;

import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Conditional(RpcProperties.OnClient.class)
class FibonacciController {

	private final FibonacciClient client;

	private final int maxN;

	FibonacciController(FibonacciClient client, RpcProperties properties) {
		this.client = client;
		this.maxN = properties.maxN();
	}

	@ApiErrors({ 400, 503, 504 })
	@GetMapping("/api/fib/{n}")
	FibonacciReply fib(@PathVariable String n, @RequestParam(defaultValue = Protocol.DEFAULT) String protocol) {
		Protocol over = Protocol.parse(protocol);
		int checked;
		try {
			checked = Fibonacci.parseN(n, this.maxN);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("n", ex.getMessage());
		}
		return this.client.call(checked, over);
	}

}
