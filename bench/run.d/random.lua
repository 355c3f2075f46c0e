-- wrk script for bench/run: one request per call with a random path, token and body, and an exact
-- count of the answers that are not 2xx (wrk itself counts only statuses above 399).
--
-- Environment (read by every wrk thread):
--   BENCH_METHOD  request method (default GET)
--   BENCH_PATH    request path; each "{n}" becomes a random integer in 1..BENCH_N, per request
--   BENCH_N       upper bound of {n} (default 1)
--   BENCH_TOKEN   bearer token sent with every request (optional)
--   BENCH_TOKENS  file of bearer tokens, one a line: a random one per request (optional)
--   BENCH_NAMES   file whose line n is the name of source n: the body becomes
--                 {"name": "<that name> #<random>"} (a PATCH that always changes the row)
--
-- done() prints one line for bench/run to parse:
--   BENCH requests=N duration_us=N non2xx=N statuses=404x3,500x1 p50_us=N p99_us=N connect=N ...

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local function lines(file)
  local list = {}
  if file and file ~= "" then
    for line in io.lines(file) do
      if line ~= "" then
        list[#list + 1] = line
      end
    end
  end
  return list
end

function init(args)
  math.randomseed(os.time() * 100 + id)
  method = os.getenv("BENCH_METHOD") or "GET"
  path = os.getenv("BENCH_PATH") or "/"
  n_max = tonumber(os.getenv("BENCH_N") or "1")
  token = os.getenv("BENCH_TOKEN")
  tokens = lines(os.getenv("BENCH_TOKENS"))
  names = lines(os.getenv("BENCH_NAMES"))
  non2xx = 0
  statuses = {}
end

function request()
  local n = math.random(n_max)
  local headers = {}
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
  elseif token and token ~= "" then
    headers["Authorization"] = "Bearer " .. token
  end
  local body = nil
  if #names > 0 then
    headers["Content-Type"] = "application/json"
    body = string.format('{"name":"%s #%d"}', names[n], math.random(1000000))
  end
  return wrk.format(method, (path:gsub("{n}", tostring(n))), headers, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total, merged = 0, {}
  for _, thread in ipairs(threads) do
    total = total + (thread:get("non2xx") or 0)
    for status, count in pairs(thread:get("statuses") or {}) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local list = {}
  for status, count in pairs(merged) do
    list[#list + 1] = status .. "x" .. count
  end
  table.sort(list)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d non2xx=%d statuses=%s p50_us=%d p99_us=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, total, #list > 0 and table.concat(list, ",") or "-",
    math.floor(latency:percentile(50)), math.floor(latency:percentile(99)),
    e.connect, e.read, e.write, e.timeout))
end
