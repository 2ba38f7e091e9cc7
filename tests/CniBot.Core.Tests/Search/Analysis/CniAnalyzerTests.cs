using CniBot.Search.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Tests.Search.Analysis;

public sealed class CniAnalyzerTests
{
    public static TheoryData<string, string, string> GoldenCases()
    {
        var data = new TheoryData<string, string, string>();
        var lines = TestFiles.Read("Analysis", "golden-tokens.txt").Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                data.Add(lines[i][3..].Trim(), lines[i + 1], lines[i + 2]["=> ".Length..]);
                i += 2;
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Analyze_ProducesGoldenTokens(string role, string input, string expected)
    {
        using var analyzer = new CniAnalyzer(role == "index" ? AnalysisRole.Index : AnalysisRole.Query);

        Assert.Equal(expected, Render(analyzer, input));
    }

    [Fact]
    public void Analyze_OffsetsPointIntoTheOriginalText_EvenForFullWidthInput()
    {
        const string input = "设置ＭＴＵ为１４２０";
        using var analyzer = new CniAnalyzer(AnalysisRole.Query);
        using var stream = analyzer.GetTokenStream("f", input);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var seen = new List<(string, string)>();
        while (stream.IncrementToken())
        {
            seen.Add((term.ToString(), input[offset.StartOffset..offset.EndOffset]));
        }

        stream.End();
        Assert.Equal([("设置", "设置"), ("mtu", "ＭＴＵ"), ("1420", "１４２０")], seen);
    }

    [Fact]
    public void Analyze_TheStemmedRepeatOfAWord_KeepsItsOffsetsAndType_AndTheNextWordIsUntouched()
    {
        const string input = "Peering routes via kube-proxy";
        using var analyzer = new CniAnalyzer(AnalysisRole.Query);

        var seen = Tokens(analyzer, input).Select(t => (t.Term, input[t.Start..t.End], t.Type, t.Position)).ToList();

        Assert.Equal(
            [
                ("peering", "Peering", "<WORD>", 1), ("peer", "Peering", "<WORD>", 0),
                ("routes", "routes", "<WORD>", 1), ("rout", "routes", "<WORD>", 0),
                ("kube-proxy", "kube-proxy", "<TECH>", 2), // after the stop word "via"
            ],
            seen);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("query")]
    public void Segmentations_RememberedDuringABuild_GiveTheSameTokensAsSegmentingAgain(string role)
    {
        // Runs that SmartCn segments, one that a trade word joins (网关), a run met twice at different offsets, and
        // a run that is a prefix of another: a remembered run must come back at its new offset, whole, and alone.
        string[] texts =
        [
            "Calico 的 VXLAN 模式下 MTU 应该设为多少？网关 1450",
            "在 AKS 上，网关 1450 和 Calico 的 VXLAN 模式下 MTU 应该设为多少",
            "跨地域集群丢包，网关",
            "跨地域集群丢包严重怎么办",
        ];
        var segmentations = new HanSegmentations();
        using var fresh = new CniAnalyzer(role == "index" ? AnalysisRole.Index : AnalysisRole.Query);
        using var remembering = new CniAnalyzer(role == "index" ? AnalysisRole.Index : AnalysisRole.Query, segmentations);

        foreach (var text in texts.Concat(texts))
        {
            Assert.Equal(Tokens(fresh, text), Tokens(remembering, text));
        }

        Assert.Contains("网关", Tokens(remembering, texts[2]).Select(t => t.Term));
        Assert.InRange(segmentations.Count, 4, 12);
    }

    private static List<(string Term, int Start, int End, int Position, string Type)> Tokens(CniAnalyzer analyzer, string input)
    {
        using var stream = analyzer.GetTokenStream("f", input);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var tokens = new List<(string, int, int, int, string)>();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset, position.PositionIncrement, type.Type));
        }

        stream.End();
        return tokens;
    }

    /// <summary>Positions joined by " | ", terms at one position by "+".</summary>
    private static string Render(CniAnalyzer analyzer, string input)
    {
        using var stream = analyzer.GetTokenStream("f", input);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var positions = new List<List<string>>();
        while (stream.IncrementToken())
        {
            if (position.PositionIncrement > 0 || positions.Count == 0)
            {
                positions.Add([]);
            }

            positions[^1].Add(term.ToString());
        }

        stream.End();
        return string.Join(" | ", positions.Select(p => string.Join('+', p)));
    }
}
