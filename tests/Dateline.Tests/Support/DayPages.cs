using System.Globalization;

namespace Dateline.Tests.Support;

/// <summary>Builds small day pages in the Portal's layouts for tests.</summary>
internal static class DayPages
{
    public static string TemplateContent(DateOnly date, string items) =>
        string.Create(CultureInfo.InvariantCulture, $"{{{{Current events|year={date.Year}|month={date.Month:D2}|day={date.Day}|content=\n<!-- All news items below this line -->\n{items}\n<!-- All news items above this line -->}}}}\n");

    public static string HeaderTable(DateOnly date, string items) =>
        string.Create(CultureInfo.InvariantCulture, $"{{{{Current events header|{date.Year}|{date.Month:D2}|{date.Day:D2}}}}}\n<!-- All news items below this line -->\n{items}\n<!-- All news items above this line -->|}}\n");

    public static string Sandwich(DateOnly date, string items) =>
        string.Create(CultureInfo.InvariantCulture, $"{{{{Current events|year={date.Year}|month={date.Month:D2}|day={date.Day}|top=yes}}}}\n<!-- All news items below this line -->\n{items}\n<!-- All news items above this line -->\n{{{{Current events|year={date.Year}|month={date.Month:D2}|day={date.Day}|bottom=yes}}}}\n");

    public static string FileName(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".wiki";
}
