using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class SnippetBuilderTests
{
    [Fact]
    public void Build_ShortText_IsMarkedWhole()
    {
        const string text = "Calico VXLAN uses 1450.";

        var snippet = SnippetBuilder.Build(text, [new(7, 12, 0), new(18, 22, 1)], 200);

        Assert.Equal("Calico **VXLAN** uses **1450**.", snippet);
    }

    [Fact]
    public void Build_LongText_PicksThePassageWithTheMostDistinctConcepts()
    {
        var text = "alpha " + new string('x', 300) + " beta gamma delta " + new string('y', 300);
        var beta = text.IndexOf("beta", StringComparison.Ordinal);
        var gamma = text.IndexOf("gamma", StringComparison.Ordinal);

        var snippet = SnippetBuilder.Build(text, [new(0, 5, 0), new(beta, beta + 4, 1), new(gamma, gamma + 5, 2)], 100);

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("**beta** **gamma**", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("**alpha**", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PartInsideAMatchedWord_IsMarkedOnce()
    {
        const string text = "Replace kube-proxy now.";

        var snippet = SnippetBuilder.Build(text, [new(8, 18, 0), new(8, 12, 1), new(13, 18, 1)], 200);

        Assert.Equal("Replace **kube-proxy** now.", snippet);
    }

    [Fact]
    public void Build_NoMatches_ShowsTheOpeningWithoutCuttingAWord()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 100));

        var snippet = SnippetBuilder.Build(text, [], 42);

        Assert.Matches(@"^(word )*word…$", snippet);
    }

    [Fact]
    public void Build_IgnoresOffsetsOutsideTheText()
    {
        Assert.Equal("short", SnippetBuilder.Build("short", [new(3, 99, 0), new(-1, 2, 0)], 200));
    }
}
