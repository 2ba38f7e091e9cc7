using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;
using Lucene.Net.Store;

namespace CniBot.Tests.Search;

public sealed class FrozenMemoryDirectoryTests
{
    [Fact]
    public void Copy_ReadsBackWhatLuceneWrote_NumbersBigEndianAsLuceneWritesThem()
    {
        using var frozen = FrozenMemoryDirectory.CopyOf(Written());
        using var input = frozen.OpenInput("data", IOContext.DEFAULT);

        Assert.Equal(0x7F, input.ReadByte());
        Assert.Equal((short)-2, input.ReadInt16());
        Assert.Equal(0x12345678, input.ReadInt32());
        Assert.Equal(-0x0123456789ABCDEFL, input.ReadInt64());
        Assert.Equal(300, input.ReadVInt32());
        Assert.Equal(1L << 40, input.ReadVInt64());
        Assert.Equal("跨区域 MTU", input.ReadString());
        var bytes = new byte[5];
        input.ReadBytes(bytes, 1, 3);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 0 }, bytes);
        Assert.Equal(input.Length, input.Position);
        Assert.Equal(input.Length, frozen.FileLength("data"));
        Assert.Equal(["data", "other"], frozen.ListAll().Order());
    }

    [Fact]
    public void ReadsAndSeeksPastTheEnd_Throw_SeekingToTheEndIsAllowed()
    {
        using var frozen = FrozenMemoryDirectory.CopyOf(Written());
        using var input = frozen.OpenInput("other", IOContext.DEFAULT);

        input.Seek(input.Length);
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
        input.Seek(input.Length - 2);
        Assert.Throws<EndOfStreamException>(() => input.ReadInt32());
        Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[4], 0, 4));
        Assert.Throws<EndOfStreamException>(() => input.Seek(input.Length + 1));
        Assert.Throws<EndOfStreamException>(() => input.Seek(-1));
    }

    [Fact]
    public void Slices_SeeOnlyTheirWindow()
    {
        using var frozen = FrozenMemoryDirectory.CopyOf(Written());
        using var slicer = frozen.CreateSlicer("other", IOContext.DEFAULT);
        using var slice = slicer.OpenSlice("middle", 2, 3);

        Assert.Equal(3, slice.Length);
        Assert.Equal(new byte[] { 12, 13, 14 }, new[] { slice.ReadByte(), slice.ReadByte(), slice.ReadByte() });
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());
        slice.Seek(1);
        Assert.Equal(13, slice.ReadByte());
        Assert.Throws<ArgumentOutOfRangeException>(() => slicer.OpenSlice("beyond", 8, 3));
    }

    [Fact]
    public void Clones_KeepTheirOwnPosition()
    {
        using var frozen = FrozenMemoryDirectory.CopyOf(Written());
        using var input = frozen.OpenInput("other", IOContext.DEFAULT);
        input.Seek(3);

        var clone = (IndexInput)input.Clone();
        Assert.Equal(13, clone.ReadByte());
        Assert.Equal(14, clone.ReadByte());

        Assert.Equal(3, input.Position);
        Assert.Equal(13, input.ReadByte());
    }

    [Fact]
    public void IsReadOnly_AndNamesAMissingFile()
    {
        using var frozen = FrozenMemoryDirectory.CopyOf(Written());

        Assert.Throws<NotSupportedException>(() => frozen.CreateOutput("new", IOContext.DEFAULT));
        Assert.Throws<NotSupportedException>(() => frozen.DeleteFile("data"));
        Assert.Throws<NotSupportedException>(() => frozen.Sync(["data"]));
        var missing = Assert.Throws<FileNotFoundException>(() => frozen.OpenInput("segments_9", IOContext.DEFAULT));
        Assert.Contains("segments_9", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcurrentSearches_FindWhatSequentialSearchesFind()
    {
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(TestFiles.Path("Corpus")), new SearchOptions { AnswerCacheEntries = 0 });
        string[] questions = ["What MTU should Calico VXLAN use?", "跨区域丢包怎么排查", "Cilium 的 Hubble metrics 端口", "Does flannel support NetworkPolicy?"];
        var expected = questions.Select(q => Keys(index.Search(q))).ToArray();

        var mismatches = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (Keys(index.Search(questions[i % questions.Length])) != expected[i % questions.Length])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
        Assert.Contains(expected, e => e.Length > 0);

        static string Keys(SearchResult result) => string.Join(" ", result.Hits.Select(h => $"{h.Section.Key}:{h.Snippet}"));
    }

    /// <summary>A RAMDirectory with two files written through Lucene's own output.</summary>
    private static RAMDirectory Written()
    {
        var directory = new RAMDirectory();
        using (var output = directory.CreateOutput("data", IOContext.DEFAULT))
        {
            output.WriteByte(0x7F);
            output.WriteInt16(-2);
            output.WriteInt32(0x12345678);
            output.WriteInt64(-0x0123456789ABCDEFL);
            output.WriteVInt32(300);
            output.WriteVInt64(1L << 40);
            output.WriteString("跨区域 MTU");
            output.WriteBytes([1, 2, 3], 3);
        }

        using (var output = directory.CreateOutput("other", IOContext.DEFAULT))
        {
            output.WriteBytes([10, 11, 12, 13, 14, 15, 16, 17, 18, 19], 10);
        }

        return directory;
    }
}
