using System.Text;
using CniBot.Bot.Cards;
using CniBot.Conversation;
using CniBot.Knowledge;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static KnowledgeSection Section(string heading, string anchor, Language language = Language.En) => new()
    {
        DocumentId = "calico",
        DocumentTitle = "Calico",
        Language = language,
        Path = $"knowledge/{language.Code()}/calico.md",
        Heading = heading,
        HeadingPath = ["Calico", heading],
        Anchor = anchor,
        Level = 2,
        Line = 10,
        Ordinal = 1,
        Markdown = "text",
        PlainText = "text",
    };

    private static Reply Answer(string excerpt, int related = 2) => new()
    {
        Kind = ReplyKind.Answer,
        Language = Language.En,
        Title = "Calico › Which MTU?",
        Answer = new CitedSection(Section("Which MTU?", "which-mtu"), excerpt),
        Related = Enumerable.Range(0, related).Select(i => Section($"Related {i}", $"related-{i}")).ToArray(),
        Actions = [new ReplyAction("👍", new Dictionary<string, string> { ["action"] = "feedback", ["helpful"] = "true" })],
    };

    [Fact]
    public void Render_IsAnAdaptiveCard15_WithTitleExcerptSourceRelatedAndButtons()
    {
        var card = AdaptiveCardRenderer.Render(Answer("Set **vxlanMTU** to 1450 for node_nf_conntrack_entries."), new ConversationOptions());

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var texts = card["body"]!.Where(b => (string?)b["type"] == "TextBlock").Select(b => (string)b["text"]!).ToArray();
        Assert.Equal("Calico › Which MTU?", texts[0]);
        Assert.Equal(@"Set **vxlanMTU** to 1450 for node\_nf\_conntrack\_entries.", texts[1]);
        Assert.Equal(@"Source: knowledge/en/calico.md\#which-mtu", texts[2]);
        Assert.Contains(texts, t => t.Contains("Related 1", StringComparison.Ordinal));
        var related = card["body"]!.Single(b => (string?)b["type"] == "ActionSet")["actions"]!;
        Assert.Equal("en/calico#related-0", (string?)related[0]!["data"]!["section"]);
        var button = Assert.Single(card["actions"]!);
        Assert.Equal("Action.Submit", (string?)button["type"]);
        Assert.Equal("true", (string?)button["data"]!["helpful"]);
        Assert.False(string.IsNullOrEmpty((string?)card["fallbackText"]));
    }

    [Fact]
    public void Render_LinksTheSourceWhenABaseUrlIsSet()
    {
        var card = AdaptiveCardRenderer.Render(Answer("x"), new ConversationOptions { SourceBaseUrl = "https://example.com/repo/blob/main" });

        Assert.Contains(card["body"]!, b => (string?)b["text"] == @"Source: [knowledge/en/calico.md\#which-mtu](https://example.com/repo/blob/main/knowledge/en/calico.md#which-mtu)");
    }

    [Fact]
    public void Render_HugeExcerpt_StaysUnderTheTeamsLimit()
    {
        var card = AdaptiveCardRenderer.Render(Answer(string.Concat(Enumerable.Repeat("超大的小节内容 ", 20_000))), new ConversationOptions());

        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) <= AdaptiveCardRenderer.MaxCardBytes);
        Assert.DoesNotContain(card["body"]!, b => (string?)b["type"] == "ActionSet");
    }

    [Theory]
    [InlineData("**a** b", "**a** b")]
    [InlineData("a_b *c* [d](e)", @"a\_b \*c\* \[d\](e)")]
    [InlineData("**unbalanced", @"\*\*unbalanced")]
    public void EscapeKeepingEmphasis_KeepsOnlyTheMatchMarkers(string input, string expected)
    {
        Assert.Equal(expected, AdaptiveCardRenderer.EscapeKeepingEmphasis(input));
    }

    [Fact]
    public void Render_WithoutActions_HasNoActionsProperty()
    {
        var card = AdaptiveCardRenderer.Render(new Reply { Kind = ReplyKind.Help, Language = Language.Zh, Title = "帮助", Paragraphs = ["一", "二"] }, new ConversationOptions());

        Assert.Null(card["actions"]);
        Assert.Equal("zh-CN", (string?)card["lang"]);
        Assert.Equal(3, ((JArray)card["body"]!).Count);
    }
}
