using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Dateline.Corpus;

/// <summary>
/// Streams day pages into one MediaWiki XML export (the format of Special:Export, schema 0.11):
/// a <c>siteinfo</c>, then one <c>page</c> with one <c>revision</c> per day.
/// </summary>
internal sealed class ExportXmlWriter : IDisposable
{
    private const string Ns = "http://www.mediawiki.org/xml/export-0.11/";
    private const string XsiNs = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly (int Key, string Name)[] Namespaces =
    [
        (-2, "Media"), (-1, "Special"), (0, ""), (1, "Talk"), (2, "User"), (3, "User talk"), (4, "Wikipedia"),
        (5, "Wikipedia talk"), (6, "File"), (7, "File talk"), (8, "MediaWiki"), (9, "MediaWiki talk"), (10, "Template"),
        (11, "Template talk"), (12, "Help"), (13, "Help talk"), (14, "Category"), (15, "Category talk"), (100, "Portal"),
        (101, "Portal talk"), (118, "Draft"), (119, "Draft talk"), (710, "TimedText"), (711, "TimedText talk"),
        (828, "Module"), (829, "Module talk"),
    ];

    private static readonly string[] EditSummaries = ["add", "copyedit", "fix link", "update", "add source", "rm duplicate", "wording"];

    private readonly FileStream stream;
    private readonly XmlWriter writer;
    private readonly Random random;
    private readonly (string Name, int Id)[] editors;
    private int pageId;
    private int revisionId;

    public ExportXmlWriter(string path, Random random, NameForge editorNames)
    {
        this.random = random;
        editors = new (string, int)[60];
        for (int i = 0; i < editors.Length; i++)
        {
            string name = random.Next(3) switch
            {
                0 => editorNames.Root(2, 3) + random.Next(10, 100).ToString(CultureInfo.InvariantCulture),
                1 => editorNames.Root(1, 2) + " " + editorNames.Root(2, 3),
                _ => editorNames.Root(2, 3),
            };
            editors[i] = (name, random.Next(1000, 45_000_000));
        }

        pageId = 1_000_000 + random.Next(1_000_000);
        revisionId = 50_000_000 + random.Next(1_000_000);

        stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        writer = XmlWriter.Create(stream, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.None,
            OmitXmlDeclaration = true,
            CloseOutput = false,
        });

        writer.WriteStartElement("mediawiki", Ns);
        writer.WriteAttributeString("xmlns", Ns); // declared here, so it comes first as in Special:Export
        writer.WriteAttributeString("xmlns", "xsi", null, XsiNs);
        writer.WriteAttributeString("xsi", "schemaLocation", XsiNs, "http://www.mediawiki.org/xml/export-0.11/ http://www.mediawiki.org/xml/export-0.11.xsd");
        writer.WriteAttributeString("version", "0.11");
        writer.WriteAttributeString("xml", "lang", null, "en");
        WriteSiteInfo();
    }

    /// <summary>The page title of a day: <c>Portal:Current events/2017 September 28</c>.</summary>
    public static string TitleFor(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"Portal:Current events/{date.Year} {MonthNames[date.Month - 1]} {date.Day}");

    public void WritePage(DateOnly date, string wikitext)
    {
        // MediaWiki stores a page without its trailing line end.
        string stored = wikitext.TrimEnd('\n');
        byte[] utf8 = Encoding.UTF8.GetBytes(stored);
        pageId += 1 + random.Next(40);
        revisionId += 1 + random.Next(2000);
        int parentId = revisionId - 1 - random.Next(revisionId / 4);
        (string editor, int editorId) = editors[random.Next(editors.Length)];

        writer.WriteStartElement("page", Ns);
        Element("title", TitleFor(date));
        Element("ns", "100");
        Element("id", pageId.ToString(CultureInfo.InvariantCulture));
        writer.WriteStartElement("revision", Ns);
        Element("id", revisionId.ToString(CultureInfo.InvariantCulture));
        Element("parentid", parentId.ToString(CultureInfo.InvariantCulture));
        Element("timestamp", date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z");
        writer.WriteStartElement("contributor", Ns);
        Element("username", editor);
        Element("id", editorId.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
        if (random.NextDouble() < 0.1)
        {
            writer.WriteStartElement("minor", Ns);
            writer.WriteEndElement();
        }

        if (random.NextDouble() < 0.6)
        {
            Element("comment", EditSummaries[random.Next(EditSummaries.Length)]);
        }

        Element("model", "wikitext");
        Element("format", "text/x-wiki");
        writer.WriteStartElement("text", Ns);
        writer.WriteAttributeString("bytes", utf8.Length.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("xml", "space", null, "preserve");
        writer.WriteString(stored);
        writer.WriteEndElement();
        Element("sha1", Base36Sha1(utf8));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    public void Dispose()
    {
        writer.WriteEndElement();
        writer.WriteWhitespace("\n");
        writer.Flush();
        writer.Dispose();
        stream.Dispose();
    }

    private void WriteSiteInfo()
    {
        writer.WriteStartElement("siteinfo", Ns);
        Element("sitename", "Wikipedia");
        Element("dbname", "enwiki");
        Element("base", "https://en.wikipedia.org/wiki/Main_Page");
        Element("generator", "MediaWiki 1.45.0-wmf.7");
        Element("case", "first-letter");
        writer.WriteStartElement("namespaces", Ns);
        foreach ((int key, string name) in Namespaces)
        {
            writer.WriteStartElement("namespace", Ns);
            writer.WriteAttributeString("key", key.ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("case", "first-letter");
            if (name.Length > 0)
            {
                writer.WriteString(name);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private void Element(string name, string value) => writer.WriteElementString(name, Ns, value);

    /// <summary>MediaWiki's revision hash: SHA-1 in base 36, padded to 31 digits.</summary>
    private static string Base36Sha1(byte[] utf8)
    {
#pragma warning disable CA5350 // SHA-1 is what the export format stores; it is a checksum here, not security.
        byte[] hash = SHA1.HashData(utf8);
#pragma warning restore CA5350
        var value = new BigInteger(hash, isUnsigned: true, isBigEndian: true);
        Span<char> digits = stackalloc char[31];
        digits.Fill('0');
        for (int i = digits.Length - 1; i >= 0 && !value.IsZero; i--)
        {
            value = BigInteger.DivRem(value, 36, out BigInteger remainder);
            digits[i] = "0123456789abcdefghijklmnopqrstuvwxyz"[(int)remainder];
        }

        return new string(digits);
    }
}
