-- wrk: RabbitMQ's own HTTP publish (management plugin): a persistent message to task_queue through
-- the default exchange, as guest
wrk.method = "POST"
wrk.body = '{"properties":{"delivery_mode":2,"content_type":"text/plain"},"routing_key":"task_queue","payload":"bench task","payload_encoding":"string"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic Z3Vlc3Q6Z3Vlc3Q="
