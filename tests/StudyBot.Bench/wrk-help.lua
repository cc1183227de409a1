-- wrk load for StudyBot in anonymous local mode, for comparison with other bots (tests/StudyBot.Bench/README.md).
-- Each request is a Teams-shaped "trợ giúp" message from one of 2,000 members; replies go to the reply sink at SINK (an
-- nginx or any server answering {"id":"x"}).
--   wrk -t2 -c16 -d30s -s tests/StudyBot.Bench/wrk-help.lua http://127.0.0.1:3978/api/messages
-- Every activity id is new, in this run and against any earlier run on the same store: the bot answers a repeated id from
-- its de-duplication record without handling it again, so repeated ids would measure replays, not turns. (An earlier
-- version built ids from an unseeded math.random, which gives every thread and every run the same numbers.) Each thread
-- plays its own members, so one member's turns do not race each other.
local sink = os.getenv("SINK") or "http://127.0.0.1:8080/"
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  counter = 0
  run = string.format("%d%06d", os.time(), math.floor((os.clock() * 1000000) % 1000000))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

request = function()
  counter = counter + 1
  -- Thread t of 2 plays members t, t + 2, t + 4, …
  local member = (counter * 2 + tid) % 2000
  local body = string.format(
    '{"type":"message","id":"wrk-%s-%d-%d","channelId":"msteams","serviceUrl":"%s","text":"trợ giúp",' ..
    '"from":{"id":"29:w%d","name":"Cán bộ %d"},"recipient":{"id":"28:bot","name":"StudyBot"},' ..
    '"conversation":{"id":"a:w%d","conversationType":"personal"},"channelData":{"tenant":{"id":"bench"}}}',
    run, tid, counter, sink, member, member, member)
  return wrk.format(nil, nil, nil, body)
end
