-- wrk script: a reader searching for entities. Each request searches for the next of the
-- entity titles in the file named by QUERIES (one a line; entities.txt holds 500 drawn
-- uniformly from the seed-1 corpus), as a phrase, through the JSON API or, every fourth
-- request, the HTML search page.
local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local urls = {}
for line in io.lines(os.getenv("QUERIES")) do
  local q = encode('"' .. line .. '"')
  urls[#urls + 1] = "/api/search?q=" .. q
  urls[#urls + 1] = "/api/search?q=" .. q .. "&from=2005-01-01&to=2020-12-31"
  urls[#urls + 1] = "/api/search?q=" .. q .. "&page=2"
  urls[#urls + 1] = "/search?q=" .. q
end
local i = 0
request = function()
  i = i % #urls + 1
  return wrk.format("GET", urls[i])
end
