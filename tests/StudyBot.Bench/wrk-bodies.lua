-- wrk load from a file of request bodies written by the bench's `wrk-bodies` command (tests/StudyBot.Bench/README.md): each wrk
-- thread sends every other line, in order, so one member's answers never overlap and every answer is a new one.
--   BODIES=/tmp/studybot-wrk-bodies.txt wrk -t2 -c16 -d10s -s tests/StudyBot.Bench/wrk-bodies.lua http://127.0.0.1:3978/api/messages
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  local n = 0
  for line in io.lines(os.getenv("BODIES") or "/tmp/studybot-wrk-bodies.txt") do
    if n % 2 == id then table.insert(lines, line) end
    n = n + 1
  end
  next_line = 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  -- Past the end the last answers are sent again; the bot then says they were already given (no write).
  local body = lines[math.min(next_line, #lines)]
  next_line = next_line + 1
  return wrk.format(nil, nil, nil, body)
end
