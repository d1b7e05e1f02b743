-- wrk script: each request adds a new product (unique model per thread and
-- request) with the bearer token in the TOKEN environment variable.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"manufacturer":"Bench %s","model":"M-%d-%d-%d","versions":["1.0"],"declaration":{"uses-passwords":false}}',
    os.getenv("RUN") or "0", id, counter, math.random(1, 1e9))
  return wrk.format(nil, "/api/v1/products", nil, body)
end

function response(status, headers, body)
  if status ~= 201 then
    print("unexpected status " .. status .. ": " .. body)
  end
end
