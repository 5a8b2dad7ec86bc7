-- wrk script for `forlop bench`: counts responses by HTTP status in every thread and,
-- when the run ends, prints one JSON line the benchmark reads:
-- {"statuses": {"200": n, ...}, "errors": n, "seconds": s}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local e = summary.errors
  io.write(string.format('{"statuses": {%s}, "errors": %d, "seconds": %.6f}\n',
                         table.concat(parts, ", "),
                         e.connect + e.read + e.write + e.timeout,
                         summary.duration / 1e6))
end
