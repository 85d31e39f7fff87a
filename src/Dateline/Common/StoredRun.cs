namespace Dateline.Common;

/// <summary>A run of numbers (or bytes) in an array, or in a part of a <see cref="FileBytes"/>, read in place.</summary>
internal readonly struct StoredRun<T>
    where T : unmanaged
{
    private readonly T[]? array;
    private readonly FileBytes? file;
    private readonly int offset;
    private readonly int count;

    public StoredRun(T[] array)
    {
        this.array = array;
        count = array.Length;
    }

    /// <param name="offset">Where the run starts in the file, in bytes.</param>
    /// <param name="count">How many values it holds.</param>
    public StoredRun(FileBytes file, int offset, int count)
    {
        this.file = file;
        this.offset = offset;
        this.count = count;
    }

    public int Length => count;

    /// <summary>The values (in this machine's byte order; the file was written on it).</summary>
    public ReadOnlySpan<T> Span => array is not null
        ? array
        : file is null ? [] : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(file.Span.Slice(offset, count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));

    public static implicit operator StoredRun<T>(T[] array) => new(array);
}
