using System.Buffers.Binary;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace CniBot.Search;

/// <summary>
/// A finished index held in memory, read-only and read without locks.
/// </summary>
/// <remarks>
/// The index is written once into a <see cref="RAMDirectory"/> and never changes afterwards (a reload builds a new
/// one). RAMDirectory's inputs take a lock on the file for every 1 KB buffer they move to, so concurrent searches
/// queued on those locks: profiled at 32 connections, lock contention was a fifth of the CPU time of a search. Here
/// each file is one array, and an input is a position in it.
/// </remarks>
internal sealed class FrozenMemoryDirectory : BaseDirectory
{
    private readonly Dictionary<string, byte[]> files;

    private FrozenMemoryDirectory(Dictionary<string, byte[]> files)
    {
        this.files = files;
        SetLockFactory(NoLockFactory.GetNoLockFactory());
    }

    /// <summary>Copies every file of <paramref name="source"/> (which must no longer be written to).</summary>
    public static FrozenMemoryDirectory CopyOf(LuceneDirectory source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in source.ListAll())
        {
            using var input = source.OpenInput(name, IOContext.READ_ONCE);
            var bytes = new byte[checked((int)input.Length)];
            input.ReadBytes(bytes, 0, bytes.Length);
            files.Add(name, bytes);
        }

        return new FrozenMemoryDirectory(files);
    }

    public override string[] ListAll()
    {
        EnsureOpen();
        return [.. files.Keys];
    }

    [Obsolete("Lucene deprecates FileExists; kept because Directory requires it.")]
    public override bool FileExists(string name)
    {
        EnsureOpen();
        return files.ContainsKey(name);
    }

    public override long FileLength(string name)
    {
        EnsureOpen();
        return File(name).Length;
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var bytes = File(name);
        return new ArrayInput($"{nameof(FrozenMemoryDirectory)}({name})", bytes, 0, bytes.Length);
    }

    /// <summary>Compound files are read through slices: a slice is the same array with a narrower window.</summary>
    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(name, File(name));
    }

    public override void DeleteFile(string name) => throw ReadOnly();

    public override IndexOutput CreateOutput(string name, IOContext context) => throw ReadOnly();

    public override void Sync(ICollection<string> names) => throw ReadOnly();

    protected override void Dispose(bool disposing) => IsOpen = false;

    private byte[] File(string name) =>
        files.TryGetValue(name, out var bytes) ? bytes : throw new FileNotFoundException($"{name} is not in the index", name);

    private static NotSupportedException ReadOnly() => new("the index is read-only once built");

    private sealed class Slicer(string name, byte[] bytes) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > bytes.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), $"slice {sliceDescription} [{offset}, {offset + length}) is outside {name} ({bytes.Length} bytes)");
            }

            return new ArrayInput($"{nameof(FrozenMemoryDirectory)}({name}:{sliceDescription})", bytes, (int)offset, (int)length);
        }

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full", 0, bytes.Length);

        protected override void Dispose(bool disposing)
        {
        }
    }

    /// <summary>
    /// A window [start, start + length) of an array and a position in it. Clones (one per thread and per term
    /// enumeration in Lucene) copy the position only; nothing is shared that changes.
    /// </summary>
    private sealed class ArrayInput(string description, byte[] bytes, int start, int length) : IndexInput(description)
    {
        private int position;

        public override long Length => length;

        public override long Position => position;

        public override void Seek(long pos)
        {
            // Lucene may seek to the very end (an empty read follows); beyond it is corruption.
            if (pos < 0 || pos > length)
            {
                throw new EndOfStreamException($"seek to {pos} outside {this} ({length} bytes)");
            }

            position = (int)pos;
        }

        public override byte ReadByte()
        {
            if (position >= length)
            {
                throw new EndOfStreamException($"read past the end of {this}");
            }

            return bytes[start + position++];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            Span(len).CopyTo(b.AsSpan(offset, len));
        }

        public override short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Span(sizeof(short)));

        public override int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Span(sizeof(int)));

        public override long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Span(sizeof(long)));

        protected override void Dispose(bool disposing)
        {
        }

        /// <summary>The next <paramref name="count"/> bytes, consumed.</summary>
        private ReadOnlySpan<byte> Span(int count)
        {
            if (count < 0 || count > length - position)
            {
                throw new EndOfStreamException($"read of {count} bytes past the end of {this}");
            }

            var span = new ReadOnlySpan<byte>(bytes, start + position, count);
            position += count;
            return span;
        }
    }
}
