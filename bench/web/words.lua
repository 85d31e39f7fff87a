-- wrk script (issue 15): each request searches the JSON API for the next word of the file
-- named by WORDS (one a line, as bench/web/words.sh draws them), one word a search, cycled.
local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local urls = {}
for line in io.lines(os.getenv("WORDS")) do
  urls[#urls + 1] = "/api/search?q=" .. encode(line)
end
local i = 0
request = function()
  i = i % #urls + 1
  return wrk.format("GET", urls[i])
end
