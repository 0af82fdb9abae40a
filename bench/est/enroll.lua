-- wrk script: EST simpleenroll (RFC 7030) with HTTP Basic, cycling through distinct requests.
-- csrs.txt holds one base64 DER PKCS#10 request per line; EST_AUTH is base64("account:secret").
-- Usage (docs/performance.md): EST_AUTH=... wrk -t2 -c16 -d20s -s bench/est/enroll.lua --latency http://127.0.0.1:8080/.well-known/est/simpleenroll
local bodies = {}
for line in io.lines("csrs.txt") do bodies[#bodies + 1] = line end
local auth = "Basic " .. os.getenv("EST_AUTH")
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  -- each thread starts elsewhere in the list, so no two threads send the same request at once
  counter = id * math.floor(#bodies / 2)
end

request = function()
  counter = counter + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/pkcs10", ["Authorization"] = auth}, bodies[(counter % #bodies) + 1])
end
