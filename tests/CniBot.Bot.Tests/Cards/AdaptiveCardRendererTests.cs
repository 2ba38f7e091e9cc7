using System.Text;
using CniBot.Bot.Cards;
using CniBot.Conversation;
using CniBot.Knowledge;
using CniBot.Search;
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

    private static readonly KnowledgePassage Paragraph = new()
    {
        Ordinal = 0,
        Kind = PassageKind.Paragraph,
        Line = 12,
        Body = new RichText(
        [
            new TextRun("Set "),
            new TextRun("FELIX_IPINIPMTU", RunStyle.Code),
            new TextRun(" to "),
            new TextRun("1480", RunStyle.Highlight),
            new TextRun(" for node_nf_conntrack_entries [see "),
            new TextRun("the guide", Url: "https://docs.tigera.io/calico/latest/networking/configuring/mtu"),
            new TextRun("]."),
        ]),
    };

    private static readonly KnowledgePassage Row = new()
    {
        Ordinal = 3,
        Kind = PassageKind.TableRow,
        Line = 20,
        Body = RichText.Plain("VXLAN (IPv6) · 70 · 1430"),
        Header = [RichText.Plain("Mode"), RichText.Plain("Overhead (bytes)"), RichText.Plain("Calico MTU")],
        Cells = [new RichText([new TextRun("VXLAN ("), new TextRun("IPv6", RunStyle.Highlight), new TextRun(")")]), RichText.Plain("70"), RichText.Plain("1430")],
    };

    private static readonly KnowledgePassage Code = new()
    {
        Ordinal = 4,
        Kind = PassageKind.Code,
        Line = 30,
        Body = new RichText([new TextRun("Patch the "), new TextRun("FelixConfiguration", RunStyle.Code), new TextRun(":")]),
        Code = "kubectl patch felixconfiguration default --type merge \\\n  -p '{\"spec\":{\"vxlanMTU\":1450}}'",
        CodeLanguage = "bash",
    };

    private static Reply Answer(KnowledgePassage passage, int related = 2) => new()
    {
        Kind = ReplyKind.Answer,
        Language = Language.En,
        Title = "Calico › Which MTU?",
        Answer = new CitedSection(Section("Which MTU?", "which_mtu"), [AnswerPassage.Of(passage)]),
        Related = Enumerable.Range(0, related).Select(i => Section($"Related_{i}", $"related-{i}")).ToArray(),
        Actions = [new ReplyAction("👍", new Dictionary<string, string> { ["action"] = "feedback", ["helpful"] = "true" })],
    };

    private static IEnumerable<JToken> Runs(JObject card) => card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "TextRun");

    [Fact]
    public void Render_Answer_LeadsWithThePassage_ThenTheSectionSourceRelatedAndButtons()
    {
        var card = AdaptiveCardRenderer.Render(Answer(Paragraph), new ConversationOptions());

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        var body = (JArray)card["body"]!;
        var first = body[0];
        Assert.Equal("RichTextBlock", (string?)first["type"]);
        Assert.Equal("Set FELIX_IPINIPMTU to 1480 for node_nf_conntrack_entries [see the guide].", string.Concat(first["inlines"]!.Select(i => (string?)i["text"])));
        Assert.Equal("Monospace", (string?)first["inlines"]![1]!["fontType"]);
        Assert.Equal("Bolder", (string?)first["inlines"]![3]!["weight"]);
        Assert.Equal("https://docs.tigera.io/calico/latest/networking/configuring/mtu", (string?)first["inlines"]![5]!["selectAction"]!["url"]);
        Assert.Equal("Calico › Which MTU?", (string?)body[1]["inlines"]![0]!["text"]);
        Assert.Equal("Source: knowledge/en/calico.md#which_mtu", string.Concat(body[2]["inlines"]!.Select(i => (string?)i["text"])));
        Assert.Contains(Runs(card), r => (string?)r["text"] == "• Related_1 (");
        var related = body.Single(b => (string?)b["type"] == "ActionSet")["actions"]!;
        Assert.Equal("en/calico#related-0", (string?)related[0]!["data"]!["section"]);
        var button = Assert.Single(card["actions"]!);
        Assert.Equal("Action.Submit", (string?)button["type"]);
        Assert.Equal("true", (string?)button["data"]!["helpful"]);
        Assert.False(string.IsNullOrEmpty((string?)card["fallbackText"]));
    }

    [Fact]
    public void Render_Answer_SaysWhatItWasCheckedAgainst_UnderTheSource()
    {
        var reply = Answer(Paragraph) with { Answer = new CitedSection(Section("Which MTU?", "which_mtu"), [AnswerPassage.Of(Paragraph)], "Checked against Calico 3.31 · updated 2026-12") };

        var card = AdaptiveCardRenderer.Render(reply, new ConversationOptions());

        var body = (JArray)card["body"]!;
        Assert.Equal("Checked against Calico 3.31 · updated 2026-12", (string?)body[3]["inlines"]![0]!["text"]);
        Assert.True((bool)body[3]["inlines"]![0]!["isSubtle"]!);
    }

    [Fact]
    public void Render_TableRow_IsASmallTableUnderItsHeader()
    {
        var card = AdaptiveCardRenderer.Render(Answer(Row), new ConversationOptions());

        var table = card["body"]![0]!;
        Assert.Equal("Table", (string?)table["type"]);
        Assert.True((bool)table["firstRowAsHeader"]!);
        Assert.Equal(3, table["columns"]!.Count());
        string Cell(int row, int column) => string.Concat(table["rows"]![row]!["cells"]![column]!["items"]![0]!["inlines"]!.Select(i => (string?)i["text"]));
        Assert.Equal(["Mode", "Overhead (bytes)", "Calico MTU"], Enumerable.Range(0, 3).Select(c => Cell(0, c)));
        Assert.Equal(["VXLAN (IPv6)", "70", "1430"], Enumerable.Range(0, 3).Select(c => Cell(1, c)));
        Assert.Equal("Bolder", (string?)table["rows"]![1]!["cells"]![0]!["items"]![0]!["inlines"]![1]!["weight"]);
    }

    [Fact]
    public void Render_Code_IsMonospaceAfterItsIntroduction_AndKeptAsWritten()
    {
        var card = AdaptiveCardRenderer.Render(Answer(Code), new ConversationOptions());

        var body = (JArray)card["body"]!;
        Assert.Equal("Patch the FelixConfiguration:", string.Concat(body[0]["inlines"]!.Select(i => (string?)i["text"])));
        var code = body[1]!;
        Assert.Equal("Container", (string?)code["type"]);
        var run = code["items"]![0]!["inlines"]![0]!;
        Assert.Equal("Monospace", (string?)run["fontType"]);
        Assert.Equal(Code.Code, (string?)run["text"]);
    }

    [Fact]
    public void Render_NoKnowledgeTextIsEscaped_AndNothingIsReadAsMarkdown()
    {
        var card = AdaptiveCardRenderer.Render(Answer(Paragraph), new ConversationOptions { SourceBaseUrl = "https://example.com/repo/blob/main" });

        // Knowledge text, headings and citations are TextRuns (never parsed as markdown), so they need no escapes.
        Assert.DoesNotContain(card.Descendants().OfType<JValue>(), v => v.Value is string text && (text.Contains("\\_", StringComparison.Ordinal) || text.Contains("\\#", StringComparison.Ordinal) || text.Contains("\\*", StringComparison.Ordinal)));
        var source = Runs(card).Single(r => (string?)r["text"] == "knowledge/en/calico.md#which_mtu");
        Assert.Equal("https://example.com/repo/blob/main/knowledge/en/calico.md#which_mtu", (string?)source["selectAction"]!["url"]);
    }

    [Fact]
    public void Render_WholeHugeSection_StaysUnderTheTeamsLimit()
    {
        var passages = Enumerable.Range(0, 400).Select(i => AnswerPassage.Of(new KnowledgePassage { Ordinal = i, Kind = PassageKind.Paragraph, Line = i, Body = RichText.Plain(string.Concat(Enumerable.Repeat("超大的小节内容 ", 60))) })).ToArray();
        var reply = Answer(Paragraph) with { Kind = ReplyKind.Section, Answer = new CitedSection(Section("Big", "big"), passages) };

        var card = AdaptiveCardRenderer.Render(reply, new ConversationOptions());

        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) <= AdaptiveCardRenderer.MaxCardBytes);
        Assert.DoesNotContain(card["body"]!, b => (string?)b["type"] == "ActionSet");
        Assert.Contains(Runs(card), r => (string?)r["text"] == "…");
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
