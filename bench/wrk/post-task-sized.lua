-- wrk: POST /api/tasks (scenario 12) with a body of N bytes of 'x' (no dots, so no simulated work),
-- N the first argument after the URL: wrk ... -s post-task-sized.lua URL -- N
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"

function init(args)
	wrk.body = string.rep("x", tonumber(args[1]))
end
