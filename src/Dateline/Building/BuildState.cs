using System.Text;
using Dateline.Common;
using Dateline.Linking;

namespace Dateline.Building;

/// <summary>
/// What a build leaves for the next to follow, in one file beside the manifest
/// (<c>.dateline/links.bin</c>): the links state, then the publisher's. Read in place (mapped,
/// see <see cref="FileBytes"/>) until disposed. A file of another format version, damaged, or
/// whose sections disagree is no state: the next build is a full one and writes a new file.
/// </summary>
internal sealed class BuildState(LinkState links, PublishState published, FileBytes? file = null) : IDisposable
{
    public const string FileName = "links.bin";

    /// <summary>The format's name and version: a state written by an older Dateline reads as none.</summary>
    private const string Magic = "dateline-state 7";

    public LinkState Links { get; } = links;

    public PublishState Published { get; } = published;

    /// <summary>The state in the file at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static BuildState? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        FileBytes? file = null;
        try
        {
            file = FileBytes.Read(path);
            var reader = new StateReader(file);
            var links = reader.String() == Magic ? LinkState.ReadFrom(reader) : null;
            var published = links is null ? null : PublishState.ReadFrom(reader, links.EventCount);
            if (published is null || reader.Left != 0)
            {
                file.Dispose();
                return null;
            }

            return new BuildState(links!, published, file);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or ArgumentException or OverflowException or InvalidDataException or UnauthorizedAccessException)
        {
            file?.Dispose();
            return null; // damaged: the next build links everything and writes a new one
        }
    }

    /// <summary>Writes the state whole under a temporary name, then renames it into place.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".dateline-tmp";
        using (var stream = new BufferedStream(File.Create(temporary), 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            Links.WriteTo(writer);
            Published.WriteTo(writer);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Lets the file go: nothing read from it may be used after this.</summary>
    public void Dispose() => file?.Dispose();
}
