using System.IO.MemoryMappedFiles;

namespace Dateline.Common;

/// <summary>
/// A file's bytes for reading, mapped into memory where the system lets a mapped file be
/// replaced (not Windows), read whole elsewhere. A build that follows another reads a manifest
/// of 25 MB and a links state of 20 MB: mapped, their pages come straight from the page cache,
/// where reading them into arrays first cost a new page of memory for every 4 KB, and on the
/// benchmark machine (a virtual machine) a new page costs about 15 µs, more than parsing it.
/// </summary>
internal sealed unsafe partial class FileBytes : IDisposable
{
    private readonly byte[]? bytes;
    private readonly MemoryMappedFile? mapping;
    private readonly MemoryMappedViewAccessor? view;
    private readonly byte* start;
    private readonly int length;
    private bool disposed;

    private FileBytes(byte[] bytes)
    {
        this.bytes = bytes;
        length = bytes.Length;
    }

    private FileBytes(MemoryMappedFile mapping, MemoryMappedViewAccessor view, int length)
    {
        this.mapping = mapping;
        this.view = view;
        this.length = length;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        start = pointer + view.PointerOffset;

        // Ask for the whole file now: read cold, a mapped file otherwise comes in a fault at a
        // time as its pages are first touched (the 31 MB links state: 0.05 s to read whole, about
        // half a second more through the faults; a followed build's linking, page cache dropped,
        // 0.98-1.56 s before this, 0.71-0.94 s after). Only advice: where the system does not take
        // it, the pages come in as they did.
        if (OperatingSystem.IsLinux())
        {
            _ = Advise(pointer, (nuint)(view.PointerOffset + length), WillNeed);
        }
    }

    private const int WillNeed = 3; // MADV_WILLNEED on Linux, every architecture

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Advise(byte* start, nuint length, int advice);

    public static FileBytes Empty { get; } = new([]);

    public int Length => length;

    /// <summary>The bytes; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<byte> Span => bytes ?? (disposed ? throw new ObjectDisposedException(nameof(FileBytes)) : new ReadOnlySpan<byte>(start, length));

    /// <summary>The file's bytes; <see cref="Empty"/> when there is no such file.</summary>
    public static FileBytes Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        long size = file.Length;
        if (OperatingSystem.IsWindows() || size == 0 || size > int.MaxValue)
        {
            return new FileBytes(size > int.MaxValue ? throw new IOException($"'{path}' is larger than 2 GB") : File.ReadAllBytes(path));
        }

        var mapping = MemoryMappedFile.CreateFromFile(file, mapName: null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        return new FileBytes(mapping, mapping.CreateViewAccessor(0, size, MemoryMappedFileAccess.Read), (int)size);
    }

    public void Dispose()
    {
        if (view is not null && !disposed)
        {
            disposed = true;
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
            mapping!.Dispose();
        }
    }
}
