using CniBot.Search.Analysis;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.TokenAttributes;

namespace CniBot.Tests.Search.Analysis;

public sealed class ChineseTermsTests
{
    [Fact]
    public void EveryListedWord_IsOneThatSmartCnSplits()
    {
        // The list is for words SmartCn's dictionary lacks: one it already keeps whole does not belong there.
        Assert.NotEmpty(ChineseTerms.Words);
        foreach (var word in ChineseTerms.Words)
        {
            Assert.True(SmartCnTokens(word).Count > 1, $"SmartCn already keeps '{word}' whole");
        }
    }

    [Theory]
    [InlineData("网关互通", "网关|互通")]
    [InlineData("子网掩码", "子网掩码")]
    [InlineData("连通性测试", "连通性|测试")]
    [InlineData("网络不可达", "网络|不可达")]
    [InlineData("flannel网关", "flannel|网关")]
    public void Analysis_KeepsWordsOfTheTradeWhole(string input, string expected)
    {
        using var analyzer = new CniAnalyzer(AnalysisRole.Query);

        Assert.Equal(expected.Split('|'), Tokens(analyzer, input).Select(t => t.Term));
    }

    [Fact]
    public void AJoinedWord_SpansItsCharactersInTheOriginalText()
    {
        const string input = "查看網關和子网掩码"; // 網關 is Traditional: folded to 网关 first, offsets stay on the input
        using var analyzer = new CniAnalyzer(AnalysisRole.Query);

        var tokens = Tokens(analyzer, input);

        Assert.Contains(("网关", "網關"), tokens.Select(t => (t.Term, input[t.Start..t.End])));
        Assert.Contains(("子网掩码", "子网掩码"), tokens.Select(t => (t.Term, input[t.Start..t.End])));
    }

    [Fact]
    public void CharactersThatOnlyHappenToSpellAWord_AcrossSmartCnsOwnWords_AreLeftAlone()
    {
        // SmartCn reads 公网 in "办公网络" as 办公 + 网络: the characters 公 and 网 are parts of other words, not the word 公网.
        using var analyzer = new CniAnalyzer(AnalysisRole.Query);

        var terms = Tokens(analyzer, "办公网络").Select(t => t.Term).ToArray();

        Assert.DoesNotContain("公网", terms);
    }

    private static List<string> SmartCnTokens(string text)
    {
        using var tokenizer = new HMMChineseTokenizer(new StringReader(text));
        var term = tokenizer.AddAttribute<ICharTermAttribute>();
        tokenizer.Reset();
        var tokens = new List<string>();
        while (tokenizer.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        tokenizer.End();
        return tokens;
    }

    private static List<(string Term, int Start, int End)> Tokens(CniAnalyzer analyzer, string input)
    {
        using var stream = analyzer.GetTokenStream("f", input);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var tokens = new List<(string, int, int)>();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }
}
