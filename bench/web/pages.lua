-- wrk script: requests cycle through the event pages listed in the file named by the
-- PAGES environment variable (one site path a line), so the server reads many files.
local paths = {}
for line in io.lines(os.getenv("PAGES")) do
  paths[#paths + 1] = line
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
