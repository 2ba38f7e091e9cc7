using BenchmarkDotNet.Attributes;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Benchmarks;

/// <summary>Loading the markdown and building the Lucene index, on the real knowledge and on generated corpora.</summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private string folder = string.Empty;

    /// <summary>0 stands for the real <c>knowledge/</c> folder.</summary>
    [Params(0, 1_000, 10_000, 50_000)]
    public int Sections { get; set; }

    [GlobalSetup]
    public void Setup() => folder = Sections == 0 ? Paths.Knowledge : Paths.Corpus(Sections);

    [Benchmark]
    public int LoadKnowledge() => KnowledgeLoader.Load(folder).Sections.Count;

    [Benchmark]
    public int LoadAndIndex()
    {
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(folder));
        return index.Knowledge.Sections.Count;
    }
}
