using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Xml;
using SharpCompress.Common;

namespace Dateline.Portal;

/// <summary>
/// Finds day pages in what the user names: day-page files (any name), folders of them (searched
/// recursively) and MediaWiki XML exports (plain, .gz or .bz2). What cannot be read is reported
/// through <c>onError</c> with its file and line, and the rest goes on.
/// </summary>
internal static class PortalInputs
{
    private static readonly string[] DayPageExtensions = [".wiki", ".wikitext", ".mediawiki", ".txt"];

    public static IEnumerable<PortalPageText> Read(IEnumerable<string> paths, Action<PortalError> onError)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in FilesUnder(path))
                {
                    foreach (var page in ReadFile(file, onError))
                    {
                        yield return page;
                    }
                }
            }
            else if (File.Exists(path))
            {
                foreach (var page in ReadFile(path, onError))
                {
                    yield return page;
                }
            }
            else
            {
                onError(new PortalError(path, 0, "no such file or folder"));
            }
        }
    }

    /// <summary>The files of a folder that can hold day pages, in ordinal path order (so runs repeat exactly).</summary>
    public static IEnumerable<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(f => DayPageExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || IsExportName(f))
            .Order(StringComparer.Ordinal);

    private static bool IsExportName(string path)
    {
        var name = path.ToLowerInvariant();
        return name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".xml.gz", StringComparison.Ordinal) || name.EndsWith(".xml.bz2", StringComparison.Ordinal);
    }

    private static IEnumerable<PortalPageText> ReadFile(string path, Action<PortalError> onError)
    {
        bool isExport;
        try
        {
            isExport = ExportReader.LooksLikeExport(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or SharpCompressException)
        {
            onError(new PortalError(path, 0, $"cannot be read: {e.Message}"));
            yield break;
        }

        if (isExport)
        {
            foreach (var page in ReadExport(path, onError))
            {
                yield return page;
            }

            yield break;
        }

        var single = ReadDayPageFile(path, onError);
        if (single is not null)
        {
            yield return single;
        }
    }

    private static IEnumerable<PortalPageText> ReadExport(string path, Action<PortalError> onError)
    {
        Stream stream;
        try
        {
            stream = ExportReader.OpenDecompressed(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or SharpCompressException)
        {
            // The bzip2 decoder reads its first block on opening: a corrupt or cut file fails here.
            onError(new PortalError(path, 0, $"cannot be read or decompressed: {e.Message}"));
            yield break;
        }

        using (stream)
        {
            using var pages = ExportReader.ReadPages(stream, path, onError).GetEnumerator();
            while (true)
            {
                PortalPageText page;
                try
                {
                    if (!pages.MoveNext())
                    {
                        break;
                    }

                    page = pages.Current;
                }
                catch (XmlException e)
                {
                    onError(new PortalError(path, e.LineNumber, $"the XML export breaks off or is malformed ({e.Message}); the pages before this point were read"));
                    break;
                }
                catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or SharpCompressException)
                {
                    onError(new PortalError(path, 0, $"the export cannot be decompressed or read ({e.Message}); the pages before this point were read"));
                    break;
                }

                yield return page;
            }
        }
    }

    private static PortalPageText? ReadDayPageFile(string path, Action<PortalError> onError)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onError(new PortalError(path, 0, $"cannot be read: {e.Message}"));
            return null;
        }

        if (!TryDecodeUtf8(bytes, out var text, out int badLine))
        {
            onError(new PortalError(path, badLine, "is not valid UTF-8 text"));
            return null;
        }

        DateOnly? expected = PortalTitle.TryParseFileName(path, out var date) ? date : null;
        return new PortalPageText(path, 1, null, expected, "file name", null, null, text);
    }

    /// <summary>Strict UTF-8 (a byte-order mark is dropped); on failure, the line of the first bad byte.</summary>
    internal static bool TryDecodeUtf8(ReadOnlySpan<byte> bytes, out string text, out int badLine)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out int read, out int written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                text = string.Empty;
                badLine = bytes[..read].Count((byte)'\n') + 1;
                return false;
            }

            text = new string(chars, 0, written);
            badLine = 0;
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
