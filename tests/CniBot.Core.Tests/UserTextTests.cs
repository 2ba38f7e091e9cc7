using CniBot.Diagnosis.Dialogs;
using CniBot.Knowledge;
using CniBot.Loading;

namespace CniBot.Tests;

public sealed class UserTextTests
{
    [Theory]
    [InlineData("[click here](https://evil.example/login)", "［click here］（https∶//evil.example/login）")]
    [InlineData("**urgent** _now_ `rm -rf` ~~x~~", "∗∗urgent∗∗ ＿now＿ ｀rm -rf｀ ～～x～～")]
    [InlineData("<!channel> <@U123> <https://x.example|x>", "‹!channel› ‹@U123› ‹https∶//x.example｜x›")]
    [InlineData("# Heading\n\n| a | b |\n- item", "＃ Heading ｜ a ｜ b ｜ - item")]
    [InlineData("Kafka 消费者延迟怎么办？", "Kafka 消费者延迟怎么办？")]
    public void Quote_WritesTextSoThatNoChannelReadsMarkupInIt(string text, string expected) => Assert.Equal(expected, UserText.Quote(text));

    [Fact]
    public void Quote_IsCut_ToOneShortLine()
    {
        var quoted = UserText.Quote(string.Concat(Enumerable.Repeat("ab\ncd ", 10_000)));

        Assert.InRange(quoted.Length, UserText.MaxQuoted - 5, UserText.MaxQuoted + 1);
        Assert.EndsWith("…", quoted, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', quoted);
    }

    [Fact]
    public void DialogThatDoesNotUnderstand_QuotesTheAnswer_WithoutItsMarkup()
    {
        var dialogs = new DialogEngine(KnowledgeLoader.Load(Repository.Knowledge));
        var started = dialogs.Start(Language.En);

        var outcome = dialogs.Continue(started.State, "[pick me](https://evil.example) " + new string('y', 5_000));

        Assert.Equal(DialogOutcomeKind.Unrecognized, outcome.Kind);
        var error = outcome.Prompt!.Error!;
        Assert.DoesNotContain("](", error, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, $"{error.Length} characters");
    }
}
