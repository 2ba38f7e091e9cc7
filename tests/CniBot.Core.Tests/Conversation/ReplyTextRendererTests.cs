using CniBot.Conversation;
using CniBot.Knowledge;

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
    public void Render_ShowsTitleExcerptAndCitation()
    {
        var reply = new Reply { Kind = ReplyKind.Answer, Language = Language.Zh, Title = "MTU › VXLAN 的 MTU", Answer = new CitedSection(Section, "**VXLAN** 减 50") };

        var text = ReplyTextRenderer.Render(reply, new ConversationOptions());

        Assert.Equal("**MTU › VXLAN 的 MTU**\n\n**VXLAN** 减 50\n\n来源: `knowledge/zh/mtu.md#vxlan-的-mtu`", text);
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
