-- wrk script ("event API"): the event pages of the PAGES file (as pages.lua), each asked of the
-- JSON API instead (/news/2019/10/27/slug.html -> /api/events/2019/10/27/slug): one row read
-- from the site tables, then its related events' rows, each answer serialized.
local paths = {}
for line in io.lines(os.getenv("PAGES")) do
  paths[#paths + 1] = "/api/events" .. line:sub(6, -6)
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
