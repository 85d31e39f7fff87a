using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Dateline.Publishing;

/// <summary>
/// How one page's bytes reach the disk: written whole under a temporary name, then renamed into
/// place, so a reader sees the old page or the new one, never half of one; or, for the first build
/// into a folder, where no reader has a page yet, created in place (<see cref="CreateInPlace"/>).
/// </summary>
/// <remarks>
/// A first build creates a file per event (125,000 on the benchmark archive), and there the
/// file system is most of the cost. On Linux the page goes through five system calls (open,
/// write, fstat, close, and <c>renameat2</c> with <c>RENAME_NOREPLACE</c>); the portable path
/// (FileStream's handle with advisory locks, preallocation and a seek, plus a separate existence
/// check) takes eleven, and measured about 1.5 times the wall time (bench/, BENCHMARKS.md). The
/// no-replace rename also makes "create only if absent" one atomic step: a file that appeared
/// meanwhile is never overwritten.
/// </remarks>
internal static partial class PageFiles
{
    /// <summary>False once the kernel or file system has said it cannot do the Linux path: the portable one is used from then on.</summary>
    private static volatile bool nativeWorks = OperatingSystem.IsLinux();

    /// <summary>The raw stat reads struct stat by offsets known for 64-bit x86 and ARM Linux only.</summary>
    private static volatile bool statWorks = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;

    /// <summary>
    /// Creates <paramref name="full"/> with <paramref name="bytes"/> unless a file already has that
    /// name. Returns the new file's modification time (UTC ticks), or null when the name was taken
    /// (nothing is written then).
    /// </summary>
    public static long? CreateNew(string full, string temporary, ReadOnlyMemory<byte> bytes)
    {
        if (nativeWorks && TryNative(() => WriteTemporary(temporary, bytes), out long modified))
        {
            int result;
            try
            {
                result = Native.Rename(temporary, full, Native.RenameNoReplace);
            }
            catch (EntryPointNotFoundException)
            {
                result = -1; // a C library older than renameat2 (glibc 2.28)
                Marshal.SetLastPInvokeError(Native.NotImplemented);
            }

            if (result == 0)
            {
                return modified;
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == Native.AlreadyExists)
            {
                File.Delete(temporary);
                return null;
            }

            if (error is not (Native.InvalidArgument or Native.NotImplemented))
            {
                File.Delete(temporary);
                throw new IOException($"cannot rename '{temporary}' to '{full}': {Marshal.GetPInvokeErrorMessage(error)}");
            }

            nativeWorks = false; // a file system without RENAME_NOREPLACE: check, then rename
            File.Delete(temporary);
        }

        if (File.Exists(full))
        {
            return null;
        }

        return Replace(full, temporary, bytes);
    }

    /// <summary>
    /// Creates <paramref name="full"/> with <paramref name="bytes"/> written straight into it, no
    /// temporary file and no rename, unless a file (or a link) already has that name. Returns the
    /// new file's modification time (UTC ticks), or null when the name was taken (nothing is
    /// written then).
    /// </summary>
    /// <remarks>
    /// For a page no reader can be waiting for: the first build into a folder. Until the write
    /// ends the file holds part of the page, so the caller writes its name down first (see
    /// <see cref="SiteWriter.CreatingPath"/>): a build that dies then leaves a page the next one
    /// takes for its own and writes again. It saves the temporary name's create and the rename:
    /// four system calls a page instead of five, and 100,000 pages of 8.5 KB written on two
    /// threads in 11 % less wall time (BENCHMARKS.md, "Cheaper website pages"). A page that
    /// cannot be written whole (a full disk) is removed, not left behind.
    /// </remarks>
    public static long? CreateInPlace(string full, ReadOnlyMemory<byte> bytes)
    {
        if (nativeWorks)
        {
            try
            {
                const int Flags = Native.WriteOnly | Native.Create | Native.Exclusive | Native.CloseOnExec;
                int fd = Native.Open(full, Flags, Native.ReadWriteForAll);
                if (fd < 0)
                {
                    int error = Marshal.GetLastPInvokeError();
                    if (error == Native.AlreadyExists)
                    {
                        return null; // a file, or a link (O_EXCL never follows one): not ours to write
                    }

                    throw new IOException($"cannot create '{full}': {Marshal.GetPInvokeErrorMessage(error)}");
                }

                return WriteAndClose(fd, full, bytes);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                nativeWorks = false;
            }
        }

        if (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            return null;
        }

        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, bytes.Length);
        }
        catch (IOException) when (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            return null; // appeared meanwhile
        }

        try
        {
            using (handle)
            {
                RandomAccess.Write(handle, bytes.Span, 0);
                return File.GetLastWriteTimeUtc(handle).Ticks;
            }
        }
        catch
        {
            File.Delete(full);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="full"/>, replacing what is there. Returns the modification time (UTC ticks).</summary>
    public static long Replace(string full, string temporary, ReadOnlyMemory<byte> bytes)
    {
        if (!nativeWorks || !TryNative(() => WriteTemporary(temporary, bytes), out long modified))
        {
            // As on the Linux path: created new, never through what already has the name, and not left half written.
            File.Delete(temporary);
            try
            {
                using var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, bytes.Length);
                RandomAccess.Write(handle, bytes.Span, 0);
                modified = File.GetLastWriteTimeUtc(handle).Ticks; // read from the open handle; the rename keeps it
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }

        File.Move(temporary, full, overwrite: true);
        return modified;
    }

    /// <summary>
    /// True when the file at <paramref name="full"/> exists with this length and modification
    /// time (UTC ticks): the check a build makes of every page it left, so one stat each.
    /// </summary>
    public static bool Matches(string full, long length, long modified)
    {
        if (statWorks)
        {
            int size = System.Text.Encoding.UTF8.GetMaxByteCount(full.Length) + 1;
            Span<byte> path = size <= 4096 ? stackalloc byte[size] : new byte[size];
            int used = System.Text.Encoding.UTF8.GetBytes(full, path);
            path[used] = 0;
            return Matches(path[..(used + 1)], length, modified);
        }

        var info = new FileInfo(full);
        return info.Exists && info.Length == length && info.LastWriteTimeUtc.Ticks == modified;
    }

    /// <inheritdoc cref="Matches(string, long, long)"/>
    /// <param name="fullUtf8">The path as UTF-8, ending in a NUL byte: as the manifest holds it, no string made.</param>
    public static bool Matches(ReadOnlySpan<byte> fullUtf8, long length, long modified)
    {
        if (fullUtf8.IsEmpty || fullUtf8[^1] != 0)
        {
            throw new ArgumentException("the path must end in a NUL byte", nameof(fullUtf8));
        }

        if (statWorks)
        {
            try
            {
                Span<byte> status = stackalloc byte[256]; // struct stat: 144 bytes on x86-64, 128 on arm64
                if (Native.LStat(fullUtf8, status) != 0)
                {
                    return false;
                }

                // st_size and st_mtim lie at the same offsets on both: 48, and 88 (seconds) and 96 (nanoseconds).
                long size = BitConverter.ToInt64(status[48..]);
                long seconds = BitConverter.ToInt64(status[88..]);
                long nanoseconds = BitConverter.ToInt64(status[96..]);
                return size == length && DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100) == modified;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                statWorks = false; // a C library without an lstat symbol (glibc before 2.33)
            }
        }

        var info = new FileInfo(System.Text.Encoding.UTF8.GetString(fullUtf8[..^1]));
        return info.Exists && info.Length == length && info.LastWriteTimeUtc.Ticks == modified;
    }

    /// <summary>Runs a Linux-path step; false (and the portable path from then on) when this system's C library lacks the call.</summary>
    private static bool TryNative(Func<long> step, out long modified)
    {
        try
        {
            modified = step();
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            nativeWorks = false;
            modified = 0;
            return false;
        }
    }

    /// <summary>
    /// Writes the temporary file with plain system calls; returns its modification time. The
    /// file is created new (O_EXCL): whatever has the temporary name already (left by a build
    /// that died, or a link planted to send the page elsewhere) is removed, never written
    /// through. A file that cannot be written whole (a full disk) is removed, not left behind.
    /// </summary>
    private static long WriteTemporary(string temporary, ReadOnlyMemory<byte> bytes)
    {
        const int Flags = Native.WriteOnly | Native.Create | Native.Exclusive | Native.CloseOnExec;
        int fd = Native.Open(temporary, Flags, Native.ReadWriteForAll);
        if (fd < 0 && Marshal.GetLastPInvokeError() == Native.AlreadyExists)
        {
            File.Delete(temporary); // a link is removed itself, not what it points to
            fd = Native.Open(temporary, Flags, Native.ReadWriteForAll);
        }

        if (fd < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot create '{temporary}': {Marshal.GetPInvokeErrorMessage(error)}");
        }

        return WriteAndClose(fd, temporary, bytes);
    }

    /// <summary>Writes the whole of <paramref name="bytes"/> to the new file <paramref name="fd"/> and closes it; returns its modification time. On failure the file is removed.</summary>
    private static long WriteAndClose(int fd, string path, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var handle = new SafeFileHandle(fd, ownsHandle: true);
            int written = 0;
            while (written < bytes.Length)
            {
                nint n = Native.Write(fd, bytes.Span[written..]);
                if (n < 0)
                {
                    int error = Marshal.GetLastPInvokeError();
                    if (error == Native.Interrupted)
                    {
                        continue;
                    }

                    throw new IOException($"cannot write '{path}': {Marshal.GetPInvokeErrorMessage(error)}");
                }

                written += (int)n;
            }

            return File.GetLastWriteTimeUtc(handle).Ticks;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The few libc calls the Linux path needs (constants as on Linux, every architecture .NET runs on).</summary>
    private static partial class Native
    {
        public const int WriteOnly = 0x1;
        public const int Create = 0x40;
        public const int Exclusive = 0x80;
        public const int CloseOnExec = 0x80000;
        public const int ReadWriteForAll = 0x1B6; // 0666, narrowed by the umask like any new file
        public const uint RenameNoReplace = 1;
        public const int Interrupted = 4; // EINTR
        public const int AlreadyExists = 17; // EEXIST
        public const int InvalidArgument = 22; // EINVAL: the file system has no RENAME_NOREPLACE
        public const int NotImplemented = 38; // ENOSYS: a kernel older than 3.15
        private const int CurrentFolder = -100; // AT_FDCWD

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags, int mode);

        public static unsafe nint Write(int fd, ReadOnlySpan<byte> bytes)
        {
            fixed (byte* start = bytes)
            {
                return WriteRaw(fd, start, bytes.Length);
            }
        }

        public static int Rename(string from, string to, uint flags) => RenameAt2(CurrentFolder, from, CurrentFolder, to, flags);

        /// <summary>lstat of a NUL-terminated UTF-8 path.</summary>
        public static unsafe int LStat(ReadOnlySpan<byte> path, Span<byte> status)
        {
            fixed (byte* name = path)
            fixed (byte* buffer = status)
            {
                return LStatRaw(name, buffer);
            }
        }

        [LibraryImport("libc", EntryPoint = "lstat")]
        private static unsafe partial int LStatRaw(byte* path, byte* status);

        [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
        private static unsafe partial nint WriteRaw(int fd, byte* buffer, nint count);

        [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int RenameAt2(int fromFolder, string from, int toFolder, string to, uint flags);
    }
}
