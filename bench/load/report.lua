-- Sends the session cookie given in the environment; prints one line of figures at the end.
local cookie = os.getenv("WRK_COOKIE") or ""
wrk.headers["Cookie"] = cookie

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.1f p50=%.1f p95=%.1f p99=%.1f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors))
end
