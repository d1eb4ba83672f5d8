-- wrk: POST /api/hello
wrk.method = "POST"
wrk.body = "Hello World!"
wrk.headers["Content-Type"] = "text/plain"
