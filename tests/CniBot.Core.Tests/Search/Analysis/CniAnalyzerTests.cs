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
        using var stream = analyzer.GetTokenStream("f", input);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var seen = new List<(string, string, string, int)>();
        while (stream.IncrementToken())
        {
            seen.Add((term.ToString(), input[offset.StartOffset..offset.EndOffset], type.Type, position.PositionIncrement));
        }

        stream.End();
        Assert.Equal(
            [
                ("peering", "Peering", "<WORD>", 1), ("peer", "Peering", "<WORD>", 0),
                ("routes", "routes", "<WORD>", 1), ("rout", "routes", "<WORD>", 0),
                ("kube-proxy", "kube-proxy", "<TECH>", 2), // after the stop word "via"
            ],
            seen);
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
