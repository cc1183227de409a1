-- wrk load for StudyBot in anonymous local mode, for comparison with other bots (README, "Performance").
-- Each request is a Teams-shaped "trợ giúp" message with its own activity id (the bot de-duplicates ids) from one
-- of 2,000 members; replies go to the reply sink at SINK (an nginx or any server answering {"id":"x"}).
--   wrk -t2 -c16 -d30s -s tests/StudyBot.Bench/wrk-help.lua http://127.0.0.1:3978/api/messages
local sink = os.getenv("SINK") or "http://127.0.0.1:8080/"
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local member = counter % 2000
  local body = string.format(
    '{"type":"message","id":"wrk-%d-%d","channelId":"msteams","serviceUrl":"%s","text":"trợ giúp",' ..
    '"from":{"id":"29:w%d","name":"Cán bộ %d"},"recipient":{"id":"28:bot","name":"StudyBot"},' ..
    '"conversation":{"id":"a:w%d","conversationType":"personal"},"channelData":{"tenant":{"id":"bench"}}}',
    counter, math.random(1, 1000000000), sink, member, member, member)
  return wrk.format(nil, nil, nil, body)
end
