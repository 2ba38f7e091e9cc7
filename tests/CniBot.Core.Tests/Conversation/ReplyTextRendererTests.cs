using CniBot.Conversation;
using CniBot.Knowledge;
using CniBot.Search;

namespace CniBot.Tests.Conversation;

public sealed class ReplyTextRendererTests
{
    private static readonly KnowledgeSection Section = new()
    {
        DocumentId = "mtu",
        DocumentTitle = "MTU",
        Language = Language.Zh,
        Path = "knowledge/zh/mtu.md",
        Heading = "VXLAN 的 MTU",
        HeadingPath = ["MTU", "VXLAN 的 MTU"],
        Anchor = "vxlan-的-mtu",
        Level = 2,
        Line = 9,
        Ordinal = 1,
        Markdown = "x",
        PlainText = "x",
    };

    [Fact]
    public void Render_LeadsWithThePassage_ThenTitleAndCitation()
    {
        var passage = new KnowledgePassage { Ordinal = 0, Kind = PassageKind.Paragraph, Line = 10, Body = new RichText([new TextRun("VXLAN", RunStyle.Highlight), new TextRun(" 减 50，见 "), new TextRun("vxlanMTU", RunStyle.Code)]) };
        var reply = new Reply { Kind = ReplyKind.Answer, Language = Language.Zh, Title = "MTU › VXLAN 的 MTU", Answer = new CitedSection(Section, [AnswerPassage.Of(passage)]) };

        var text = ReplyTextRenderer.Render(reply, new ConversationOptions());

        Assert.Equal("**VXLAN** 减 50，见 `vxlanMTU`\n\n**MTU › VXLAN 的 MTU**\n来源: `knowledge/zh/mtu.md#vxlan-的-mtu`", text);
    }

    [Fact]
    public void Render_TableRowAndCode_AsMarkdownTableAndFence()
    {
        var row = new KnowledgePassage
        {
            Ordinal = 1,
            Kind = PassageKind.TableRow,
            Line = 12,
            Body = RichText.Plain("x"),
            Header = [RichText.Plain("Mode"), RichText.Plain("MTU")],
            Cells = [RichText.Plain("VXLAN | IPv6"), new RichText([new TextRun("1430", RunStyle.Highlight)])],
        };
        var code = new KnowledgePassage { Ordinal = 2, Kind = PassageKind.Code, Line = 20, Body = RichText.Plain("Check:"), Code = "ip -d link", CodeLanguage = "bash" };

        Assert.Equal("| Mode | MTU |\n|---|---|\n| VXLAN \\| IPv6 | **1430** |", PassageMarkdown.Render(AnswerPassage.Of(row) with { Cells = row.Cells }));
        Assert.Equal("Check:\n\n```bash\nip -d link\n```", PassageMarkdown.Render(AnswerPassage.Of(code)));
    }

    [Fact]
    public void AHighlightInsideABoldPhrase_SharesItsMarkers()
    {
        var text = new RichText([new TextRun("GCE", RunStyle.Strong | RunStyle.Highlight), new TextRun(" (1460)", RunStyle.Strong), new TextRun(": VXLAN "), new TextRun("1410", RunStyle.Highlight)]);

        Assert.Equal("**GCE (1460)**: VXLAN **1410**", PassageMarkdown.Inline(text));
    }

    [Fact]
    public void Citation_IsALinkWhenASourceBaseUrlIsSet()
    {
        var options = new ConversationOptions { SourceBaseUrl = "https://github.com/acme/cnibot/blob/main/" };

        Assert.Equal(
            "[knowledge/zh/mtu.md#vxlan-的-mtu](https://github.com/acme/cnibot/blob/main/knowledge/zh/mtu.md#vxlan-%E7%9A%84-mtu)",
            ReplyTextRenderer.Citation(Section, options));
    }
}
