using System.Text;
using CniBot.Loading;
using CniBot.Search;
using CniBot.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Tests.Search.Analysis;

/// <summary>
/// The hand-written tokenizer and its chain over random mixed-script text (the habit of Lucene's
/// <c>CheckRandomData</c>): no exception, every token non-empty with offsets inside the text and in order, position
/// increments never negative, the same tokens when the stream is used again, and the question analysis on top of it
/// holds up too. Seeded, so a failure repeats.
/// </summary>
public sealed class RandomInputTests
{
    /// <summary>Pieces real questions are made of, and the edges between scripts and classes of characters.</summary>
    private static readonly string[] Pieces =
    [
        "calico", "VXLAN", "kube-proxy", "10.244.0.0/16", "8472", "1450", "v1.28.3", "eth0", "flannel.1", "cali08d091557e9",
        "网络", "跨区域", "丢包", "最大传输单元", "網絡", "Ｃａｌｉｃｏ", "１４５０", "の", "한국", "😀", "👍🏽", "\u200B", "\u00A0",
        " ", "  ", "\t", "\n", "-", "_", ".", "/", ":", "::", "[", "]", "(", ")", "`", "\"", "'", "?", "？", "，", "。",
        "I0512 05:08:50.991234", "flanneld[19445]:", "main.go:118]", "Warning  FailedCreatePodSandBox", "ip-10-0-1-5",
        "\uD83D", "\uDE00", // lone surrogates
    ];

    public static TheoryData<string> Roles() => new() { "index", "query" };

    [Theory]
    [MemberData(nameof(Roles))]
    public void RandomMixedScriptText_GivesConsistentTokens(string role)
    {
        var random = new Random(20261205);
        using var analyzer = new CniAnalyzer(role == "index" ? AnalysisRole.Index : AnalysisRole.Query);
        for (var n = 0; n < 1500; n++)
        {
            var text = RandomText(random, random.Next(0, 60));
            var first = Tokens(analyzer, text);
            Assert.Equal(first, Tokens(analyzer, text)); // the reused stream gives the same again
        }
    }

    [Fact]
    public void RandomQuestions_AreAnalysed_WithoutException()
    {
        var random = new Random(5);
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(TestFiles.Path("Corpus")));
        for (var n = 0; n < 300; n++)
        {
            var question = RandomText(random, random.Next(0, 200));
            var result = index.Search(question);
            Assert.InRange(result.Confidence, 0, 1);
        }
    }

    private static string RandomText(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(random.Next(4) == 0 ? (char)random.Next(0x20, 0x3000) : Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    private static List<(string Term, int Start, int End, int Increment)> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int, int)>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var lastStart = 0;
        while (stream.IncrementToken())
        {
            var token = term.ToString();
            Assert.False(string.IsNullOrEmpty(token), $"an empty token in '{text}'");
            Assert.InRange(offset.StartOffset, 0, text.Length);
            Assert.InRange(offset.EndOffset, offset.StartOffset, text.Length);
            Assert.True(offset.StartOffset >= lastStart, $"offsets go back ({offset.StartOffset} after {lastStart}) in '{text}'");
            Assert.True(increment.PositionIncrement >= 0, $"a negative position increment in '{text}'");
            lastStart = offset.StartOffset;
            tokens.Add((token, offset.StartOffset, offset.EndOffset, increment.PositionIncrement));
        }

        stream.End();
        Assert.Equal(text.Length, offset.EndOffset); // End() reports the end of the text
        return tokens;
    }
}
