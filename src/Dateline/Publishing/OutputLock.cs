using System.Globalization;
using Dateline.Common;

namespace Dateline.Publishing;

/// <summary>
/// One build at a time in an output folder: an exclusive lock on <c>.dateline/build.lock</c>,
/// taken by the operating system (flock on Linux and macOS, a sharing mode on Windows), so a build
/// that crashes or is killed holds it no longer. Two builds at once, each writing its own pages
/// and then its own manifest, left pages that neither manifest lists. Who holds the lock (process,
/// host, since when) is written beside it, in <c>.dateline/build.owner</c>, for the message of a
/// build that finds it held: the lock file itself cannot be read while it is locked.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string LockPath = SiteWriter.StateFolder + "/build.lock";
    public const string OwnerPath = SiteWriter.StateFolder + "/build.owner";

    private readonly FileStream held;

    private OutputLock(FileStream held) => this.held = held;

    /// <summary>Takes the lock of <paramref name="outputFolder"/>, or throws <see cref="OutputLockedException"/> saying who holds it.</summary>
    public static OutputLock Take(string outputFolder)
    {
        var root = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(Path.Combine(root, SiteWriter.StateFolder));
        var lockFile = Path.Combine(root, LockPath);
        var ownerFile = Path.Combine(root, OwnerPath);
        FileStream held;
        try
        {
            held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new OutputLockedException(root, ReadOwner(ownerFile), e);
        }

        try
        {
            var owner = string.Create(CultureInfo.InvariantCulture,
                $"pid {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z\n");
            File.WriteAllText(ownerFile + ".dateline-tmp", owner);
            File.Move(ownerFile + ".dateline-tmp", ownerFile, overwrite: true);
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return new OutputLock(held);
    }

    public void Dispose() => held.Dispose();

    private static string? ReadOwner(string ownerFile)
    {
        try
        {
            var text = File.ReadAllText(ownerFile).Trim();
            return text.Length is > 0 and < 300 ? ShownText.Of(text, 300) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Another build holds the output folder. An <see cref="IOException"/>: the folder cannot be used now, and nothing was changed.</summary>
public sealed class OutputLockedException(string folder, string? owner, Exception inner)
    : IOException($"{folder}: another Dateline build is writing into this folder ({owner ?? "its process is not known"}); nothing was changed: try again when it has finished", inner)
{
    public string Folder { get; } = folder;

    /// <summary>Who holds the lock, as it wrote itself down (pid, host, since when), when known.</summary>
    public string? Owner { get; } = owner;
}
