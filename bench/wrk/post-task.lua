-- wrk: POST /api/tasks, a task without dots (no simulated work), as curl does in the README
wrk.method = "POST"
wrk.body = "bench task"
wrk.headers["Content-Type"] = "text/plain"
