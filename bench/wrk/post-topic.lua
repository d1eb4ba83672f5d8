-- wrk: POST /api/topics/{key} (scenario 13) over N distinct keys, k0.orange.rabbit to
-- k<N-1>.orange.rabbit (both of the tutorial's queues take each), N the first argument after the URL
-- and wrk's thread count T the second: wrk -tT ... -s post-topic.lua URL -- N T. Thread t posts keys
-- t, t+T, t+2T, ... modulo N, so the threads together go through every key in turn.
local threads = 0

function setup(thread)
	thread:set("index", threads)
	threads = threads + 1
end

function init(args)
	keys = tonumber(args[1])
	step = tonumber(args[2])
	index = index % keys
	wrk.method = "POST"
	wrk.body = "Hello World!"
	wrk.headers["Content-Type"] = "text/plain"
end

function request()
	local path = "/api/topics/k" .. index .. ".orange.rabbit"
	index = (index + step) % keys
	return wrk.format(nil, path)
end
