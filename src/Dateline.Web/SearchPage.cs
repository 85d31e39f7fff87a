using System.Globalization;
using System.Text;
using Dateline.Publishing;
using Dateline.Publishing.Html;
using Dateline.Store;
using Microsoft.AspNetCore.Http;

namespace Dateline.Web;

/// <summary>The search page, in the same frame as the static site; no script, every text encoded.</summary>
internal static class SearchPage
{
    public static string Render(IQueryCollection query, SearchRequest? request, SearchResults? results, (string Parameter, string Message)? problem)
    {
        string Value(string name) => query[name].Count > 0 ? query[name][^1] ?? string.Empty : string.Empty;

        var title = request is null ? "Search" : $"Search: {request.Text}";
        var html = HtmlPages.Open(title, null, null);
        html.Append("<h1>Search the archive</h1>\n<form class=\"filters\" action=\"/search\" method=\"get\">\n");
        Field(html, "q", "Words", "search", Value("q"));
        Field(html, "from", "From", "date", Value("from"));
        Field(html, "to", "To", "date", Value("to"));
        Field(html, "entity", "Entity", "text", Value("entity"));
        html.Append("<button type=\"submit\">Search</button>\n</form>\n");
        html.Append("<p class=\"hits\">Words must all match; \"quotes\" find a phrase, isla* a prefix, a OR b either, -word excludes.</p>\n");

        if (problem is { } p && query.Count > 0)
        {
            html.Append("<p class=\"error\" role=\"alert\">").AppendHtml(p.Parameter).Append(": ").AppendHtml(p.Message).Append("</p>\n");
        }

        if (request is not null && results is not null)
        {
            html.Append("<p class=\"hits\">");
            if (results.Hits.Count == 0)
            {
                html.Append("No events match");
            }
            else
            {
                html.Append("Results ").Append((request.Offset + 1).ToString(CultureInfo.InvariantCulture)).Append('–')
                    .Append((request.Offset + results.Hits.Count).ToString(CultureInfo.InvariantCulture));
            }

            if (request.EntityTitle is not null)
            {
                html.Append(" naming ").AppendHtml(request.EntityTitle);
            }

            html.Append(".</p>\n<ol class=\"results\" start=\"").Append((request.Offset + 1).ToString(CultureInfo.InvariantCulture)).Append("\">\n");
            foreach (var hit in results.Hits)
            {
                html.Append("<li><a href=\"").AppendHtml(hit.Url).Append("\">");
                AppendHighlighted(html, hit.HighlightedHeadline);
                html.Append("</a> <time datetime=\"").AppendHtml(hit.Date).Append("\">").AppendHtml(hit.Date).Append("</time>");
                if (hit.HighlightedSummary is { Length: > 0 } summary)
                {
                    html.Append("<br><span class=\"snippet\">");
                    AppendHighlighted(html, summary);
                    html.Append("</span>");
                }

                if (hit.Entities.Count > 0)
                {
                    html.Append("<br><span class=\"context\">");
                    for (int i = 0; i < hit.Entities.Count; i++)
                    {
                        html.Append(i == 0 ? string.Empty : ", ").Append("<a href=\"").AppendHtml(hit.Entities[i].Url).Append("\">").AppendHtml(hit.Entities[i].Title).Append("</a>");
                    }

                    html.Append("</span>");
                }

                html.Append("</li>\n");
            }

            html.Append("</ol>\n");
            if (request.Page > 1 || results.HasMore)
            {
                html.Append("<nav class=\"pager\" aria-label=\"Result pages\">");
                if (request.Page > 1)
                {
                    html.Append("<a rel=\"prev\" href=\"").AppendHtml(PageLink(request, request.Page - 1)).Append("\">← Previous</a>");
                }

                if (results.HasMore)
                {
                    html.Append("<a rel=\"next\" href=\"").AppendHtml(PageLink(request, request.Page + 1)).Append("\">Next →</a>");
                }

                html.Append("</nav>\n");
            }
        }

        return HtmlPages.Close(html);
    }

    /// <summary>
    /// Writes a highlighted text: the marks FTS5 put in become &lt;mark&gt; elements, everything
    /// else is encoded. The indexed text never holds the mark characters (SiteTables removes
    /// them), so every mark here came from FTS5 and they pair up.
    /// </summary>
    public static void AppendHighlighted(StringBuilder html, string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is SiteTables.MarkStart or SiteTables.MarkEnd)
            {
                html.AppendHtml(text[start..i]).Append(text[i] == SiteTables.MarkStart ? "<mark>" : "</mark>");
                start = i + 1;
            }
        }

        html.AppendHtml(text[start..]);
    }

    private static string PageLink(SearchRequest request, int page)
    {
        var query = new StringBuilder("/search?q=").Append(Uri.EscapeDataString(request.Text));
        if (request.From is { } from)
        {
            query.Append("&from=").Append(HtmlPages.IsoDate(from));
        }

        if (request.To is { } to)
        {
            query.Append("&to=").Append(HtmlPages.IsoDate(to));
        }

        if (request.EntityText is { Length: > 0 } entity)
        {
            query.Append("&entity=").Append(Uri.EscapeDataString(entity));
        }

        if (request.Size != SearchRequest.DefaultSize)
        {
            query.Append("&size=").Append(request.Size.ToString(CultureInfo.InvariantCulture));
        }

        return query.Append("&page=").Append(page.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static void Field(StringBuilder html, string name, string label, string type, string value) =>
        html.Append("<label>").Append(label).Append(" <input type=\"").Append(type).Append("\" name=\"").Append(name).Append("\" value=\"").AppendHtml(value).Append("\"></label>\n");
}
