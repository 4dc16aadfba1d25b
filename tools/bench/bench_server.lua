-- wrk script of tools/bench/bench_server.sh: one simulated counsellor per
-- connection. Set by the environment:
--   BENCH_MODE      healthz | offers | login
--   BENCH_DELAY_MS  mean pause between a counsellor's requests (500 = 2 per
--                   second); each pause is drawn uniformly from 0..2*mean so
--                   that the counsellors do not march in step; 0 = none
--   BENCH_IDS       file of jobseeker ids, one a line (offers)
--   BENCH_COOKIES   file of session cookies "sm_session=...", one a line (offers)
--   BENCH_LOGINS    file of logins, one a line (login)
--   BENCH_PASSWORD  their password (login)
--   BENCH_TOP       offers asked for (offers; default 10)
-- done() prints one line of figures, read by bench_server.sh.
local mode = os.getenv("BENCH_MODE") or "healthz"
local mean_delay = tonumber(os.getenv("BENCH_DELAY_MS") or "500")
local top = os.getenv("BENCH_TOP") or "10"
local counter = 0

local function lines(path)
  local out = {}
  if path == nil or path == "" then return out end
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

local ids, cookies, logins, password

function setup(thread)
  thread:set("thread_seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(thread_seed or os.time())
  ids = lines(os.getenv("BENCH_IDS"))
  cookies = lines(os.getenv("BENCH_COOKIES"))
  logins = lines(os.getenv("BENCH_LOGINS"))
  password = os.getenv("BENCH_PASSWORD") or ""
end

function delay()
  if mean_delay <= 0 then return 0 end
  return math.random(0, 2 * mean_delay)
end

function request()
  counter = counter + 1
  if mode == "offers" then
    local id = ids[math.random(1, #ids)]
    local cookie = cookies[(counter % #cookies) + 1]
    return wrk.format("GET", "/api/v1/jobseekers/" .. id .. "/offers?top=" .. top,
                      {["Cookie"] = cookie})
  elseif mode == "login" then
    local login = logins[(counter % #logins) + 1]
    local body = '{"login":"' .. login .. '","password":"' .. password .. '"}'
    return wrk.format("POST", "/api/v1/session",
                      {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", "/healthz")
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
      "BENCH mode=%s requests=%d seconds=%.1f rps=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d status_errors=%d timeouts=%d\n",
      mode, summary.requests, summary.duration / 1e6,
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, errors, e.status,
      e.timeout))
end
