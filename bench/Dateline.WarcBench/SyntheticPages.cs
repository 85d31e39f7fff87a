using System.Globalization;
using System.Text;
using Dateline.Articles;

namespace Dateline.WarcBench;

/// <summary>
/// Made-up news article pages of 60–200 KB, shaped like real ones: a large head (inline scripts
/// and styles) with the preview tags somewhere inside, a long body. Most pages carry Open Graph
/// tags; some only a JSON-LD block in the body or only a plain description, so the slower
/// whole-page fallback is timed too. Deterministic for a given page number.
/// </summary>
internal static class SyntheticPages
{
    private static readonly string[] Words =
    [
        "harbour", "council", "minister", "storm", "ferry", "election", "court", "river", "bridge", "market", "police", "report",
        "village", "coast", "budget", "school", "hospital", "railway", "festival", "museum", "treaty", "border", "mayor", "union",
        "farmers", "workers", "citizens", "officials", "residents", "engineers", "the", "a", "of", "in", "on", "after", "before",
        "said", "announced", "reported", "confirmed", "denied", "opened", "closed", "delayed", "approved", "rejected", "during",
        "week", "month", "year", "Tuesday", "Friday", "morning", "evening", "plan", "vote", "talks", "deal", "crisis", "recovery",
    ];

    private static readonly string[] Paragraphs = BuildParagraphs(4096);

    private static readonly string Script = BuildScript();

    public static string Url(int page) => $"https://news{page % 97}.example.org/{2010 + (page % 12)}/{page % 28 + 1:00}/story-{page}.html";

    public static DateOnly EventDate(int page) => new(2010 + (page % 12), (page % 12) + 1, (page % 28) + 1);

    public static SourcePage Page(int page)
    {
        var random = new Random(page);
        int target = random.Next(60 * 1024, 200 * 1024 + 1);
        var url = Url(page);
        var summary = Sentence(random, 25 + random.Next(30));
        var image = $"https://img.example.org/{page}/lead.jpg";
        int kind = page % 50; // 0–2: JSON-LD only; 3–4: plain description only; the rest: Open Graph

        var html = new StringBuilder(target + 4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>").Append(Sentence(random, 8)).Append("</title>\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<link rel=\"stylesheet\" href=\"/static/site.css\">\n<style>");
        for (int i = 0, n = random.Next(20, 120); i < n; i++)
        {
            html.Append(".c").Append(i).Append("{margin:").Append(i % 7).Append("px;color:#").Append((i * 2654435761u % 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture)).Append("}\n");
        }

        html.Append("</style>\n<script>").Append(Script, 0, random.Next(Script.Length / 4, Script.Length)).Append("</script>\n");
        if (kind >= 5)
        {
            html.Append("<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:url\" content=\"").Append(url).Append("\">\n");
            html.Append("<meta property=\"og:description\" content=\"").Append(summary).Append("\">\n");
            html.Append("<meta property=\"og:image\" content=\"").Append(image).Append("\">\n");
            html.Append("<meta name=\"twitter:card\" content=\"summary_large_image\">\n");
        }

        html.Append("<meta name=\"description\" content=\"").Append(kind is 3 or 4 ? summary : "The news, as it happens.").Append("\">\n");
        html.Append("<script>").Append(Script, 0, random.Next(Script.Length / 8, Script.Length / 2)).Append("</script>\n</head>\n<body>\n");
        html.Append("<header><nav>").Append(string.Join(" | ", Words.Take(12).Select(w => $"<a href=\"/{w}\">{w}</a>"))).Append("</nav></header>\n<main><article>\n");
        html.Append("<h1>").Append(Sentence(random, 10)).Append("</h1>\n");
        if (kind <= 2)
        {
            html.Append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\",\"url\":\"").Append(url)
                .Append("\"},{\"@type\":\"NewsArticle\",\"headline\":\"x\",\"description\":\"").Append(summary)
                .Append("\",\"image\":[{\"@type\":\"ImageObject\",\"url\":\"").Append(image).Append("\"}]}]}</script>\n");
        }

        while (html.Length < target - 200)
        {
            html.Append("<p class=\"c").Append(random.Next(20)).Append("\">").Append(Paragraphs[random.Next(Paragraphs.Length)]).Append("</p>\n");
        }

        html.Append("</article></main>\n<footer><p>Example News</p></footer>\n</body></html>\n");
        var body = Encoding.UTF8.GetBytes(html.ToString());
        var fetched = new DateTimeOffset(EventDate(page).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
        return new SourcePage(url, url, 200, "text/html; charset=utf-8",
            [new("Content-Type", "text/html; charset=utf-8"), new("Server", "bench"), new("Cache-Control", "max-age=60")], body, fetched);
    }

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder(words * 8);
        for (int i = 0; i < words; i++)
        {
            text.Append(i == 0 ? string.Empty : " ").Append(Words[random.Next(Words.Length)]);
        }

        if (text.Length > 0)
        {
            text[0] = char.ToUpperInvariant(text[0]);
        }

        return text.Append('.').ToString();
    }

    private static string[] BuildParagraphs(int count)
    {
        var random = new Random(2024);
        return [.. Enumerable.Range(0, count).Select(_ => string.Join(" ", Enumerable.Range(0, random.Next(2, 7)).Select(_ => Sentence(random, random.Next(8, 30)))))];
    }

    private static string BuildScript()
    {
        var random = new Random(7);
        var script = new StringBuilder(40_000);
        for (int i = 0; script.Length < 40_000; i++)
        {
            script.Append("window.cfg").Append(i).Append("={id:").Append(random.Next()).Append(",path:'/").Append(Words[random.Next(Words.Length)])
                .Append("',on:function(e){return e&&e.k").Append(i % 13).Append("<").Append(random.Next(1000)).Append("}};\n");
        }

        return script.ToString();
    }
}
