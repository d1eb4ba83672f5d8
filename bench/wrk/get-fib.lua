-- wrk: GET /api/fib/30 (scenarios 4 and 5): a 200 whose body lacks fib(30) = 832040 is a wrong answer
-- (other statuses are counted by wrk itself)
local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	wrong = 0
end

function response(status, headers, body)
	if status == 200 and not body:find('"832040"', 1, true) then
		wrong = wrong + 1
	end
end

function done(summary, latency, requests)
	local total = 0
	for _, thread in ipairs(threads) do
		total = total + thread:get("wrong")
	end
	io.write(string.format("Wrong answers: %d\n", total))
end
