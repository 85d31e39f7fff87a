using System.Globalization;
using System.Text;
using Dateline.Publishing.Html;

namespace Dateline.Publishing;

/// <summary>
/// A small bar chart of a topic's events per month, as SVG: one bar per month from the first to
/// the last, each with a tooltip. The same markup is a file beside the Markdown page and inline
/// in the HTML page. Only numbers and dates go into it, and those are encoded anyway.
/// </summary>
public static class TopicChart
{
    private const int BarWidth = 6;
    private const int PlotHeight = 60;
    private const int Height = PlotHeight + 16;

    public static string Svg(IReadOnlyList<MonthCount> months)
    {
        int max = 1;
        foreach (var month in months)
        {
            max = Math.Max(max, month.Events);
        }

        int width = Math.Max(months.Count * BarWidth, 160);
        var svg = new StringBuilder(256 + (months.Count * 96));
        var inv = CultureInfo.InvariantCulture;
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-label=\"Events per month\">");
        svg.Append(inv, $"<line x1=\"0\" y1=\"{PlotHeight + 0.5}\" x2=\"{width}\" y2=\"{PlotHeight + 0.5}\" stroke=\"#999\"/>");
        for (int m = 0; m < months.Count; m++)
        {
            var month = months[m];
            if (month.Events == 0)
            {
                continue;
            }

            int height = Math.Max(1, (int)Math.Round((double)PlotHeight * month.Events / max));
            svg.Append(inv, $"<rect x=\"{m * BarWidth}\" y=\"{PlotHeight - height}\" width=\"{BarWidth - 1}\" height=\"{height}\" fill=\"#2a6db0\"><title>");
            svg.AppendHtml(string.Create(inv, $"{month.Year:D4}-{month.Month:D2}: {month.Events} event{(month.Events == 1 ? string.Empty : "s")}"));
            svg.Append("</title></rect>");
        }

        if (months.Count > 0)
        {
            svg.Append(inv, $"<text x=\"0\" y=\"{Height - 3}\" font-size=\"11\" fill=\"#555\">{months[0].Year:D4}-{months[0].Month:D2}</text>");
            if (months.Count > 1)
            {
                svg.Append(inv, $"<text x=\"{width}\" y=\"{Height - 3}\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">{months[^1].Year:D4}-{months[^1].Month:D2}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }
}
