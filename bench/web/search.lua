-- wrk script ("heavy searches"): each request is the next of a fixed list of searches for the
-- busiest entities of the synthetic corpus (each named in 1,300 to 4,900 events), a phrase, a
-- prefix, a date range and an entity filter, so the server answers a mix of its costliest
-- queries rather than one query again and again.
local queries = {
  "/api/search?q=Kemarnik",
  "/api/search?q=%22Karu+Dam%22",
  "/api/search?q=Cyzheport",
  "/api/search?q=W%C3%A4ville&from=2010-01-01&to=2015-12-31",
  "/api/search?q=Skeiskoun",
  "/api/search?q=%22Zhograrn+Oblast%22",
  "/api/search?q=ferry+Ratailtwa",
  "/api/search?q=Griacho*",
  "/api/search?q=%22drone+strike%22&entity=ratailtwa-strait",
  "/api/search?q=Plavu+Sali%C3%A3rn&page=2",
  "/search?q=Kemarnik",
  "/search?q=%22Vaifand+News+Agency%22",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", queries[i])
end
