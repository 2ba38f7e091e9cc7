using CniBot.Bot.Slack;
using CniBot.Conversation;
using CniBot.Diagnosis.Calculators;
using CniBot.Knowledge;
using CniBot.Search;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Slack;

public sealed class BlockKitRendererTests
{
    private static readonly KnowledgeSection Section = TestSections.Mtu();

    private static AnswerPassage Passage(PassageKind kind, RichText body, string? code = null, IReadOnlyList<RichText>? header = null, IReadOnlyList<RichText>? cells = null) =>
        AnswerPassage.Of(new KnowledgePassage { Ordinal = 0, Kind = kind, Line = 1, Body = body, Code = code, Header = header ?? [], Cells = cells ?? [] });

    [Fact]
    public void Render_Answer_LeadsWithThePassageAsRichText_ThenSourceAndButtons()
    {
        var reply = new Reply
        {
            Kind = ReplyKind.Answer,
            Language = Language.En,
            Title = "MTU › VXLAN MTU",
            Answer = new CitedSection(Section, [Passage(PassageKind.Paragraph, new RichText([new TextRun("Set "), new TextRun("vxlanMTU", RunStyle.Code), new TextRun(" to "), new TextRun("1450", RunStyle.Highlight), new TextRun(" when a < b & c > d.")]))]),
            Actions = [new ReplyAction("👍", new Dictionary<string, string> { ["action"] = "feedback", ["helpful"] = "true" })],
        };

        var message = BlockKitRenderer.Render(reply, new ConversationOptions { SourceBaseUrl = "https://example.com/r/blob/main" }, conversation: "T1:C1:123.4");

        var blocks = message.Blocks;
        Assert.Equal("rich_text", (string?)blocks[0]!["type"]);
        var elements = blocks[0]!["elements"]![0]!["elements"]!;
        Assert.Equal("Set vxlanMTU to 1450 when a < b & c > d.", string.Concat(elements.Select(e => (string?)e["text"])));
        Assert.True((bool)elements[1]!["style"]!["code"]!);
        Assert.True((bool)elements[3]!["style"]!["bold"]!);
        Assert.Equal("\u200B*MTU › VXLAN MTU*\u200B · Source: <https://example.com/r/blob/main/knowledge/en/mtu.md#vxlan-mtu|knowledge/en/mtu.md#vxlan-mtu>", (string?)blocks[1]!["elements"]![0]!["text"]);
        var button = blocks.Last()!["elements"]![0]!;
        Assert.Equal("button", (string?)button["type"]);
        var value = JObject.Parse((string)button["value"]!);
        Assert.Equal("feedback", (string?)value["action"]);
        Assert.Equal("T1:C1:123.4", (string?)value[BlockKitRenderer.ConversationKey]);
        Assert.StartsWith("MTU › VXLAN MTU: Set vxlanMTU", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RatingPair_IsSlacksFeedbackButtons_AndOtherActionsStayButtons()
    {
        var reply = new Reply
        {
            Kind = ReplyKind.Answer,
            Language = Language.En,
            Title = "MTU › VXLAN MTU",
            Actions =
            [
                new ReplyAction("👍", new Dictionary<string, string> { ["action"] = "feedback", ["helpful"] = "true", ["section"] = "en/mtu#vxlan-mtu" }),
                new ReplyAction("👎", new Dictionary<string, string> { ["action"] = "feedback", ["helpful"] = "false", ["section"] = "en/mtu#vxlan-mtu" }),
                new ReplyAction("中文", new Dictionary<string, string> { ["action"] = "section", ["section"] = "zh/mtu#vxlan-mtu" }),
            ],
        };

        var blocks = BlockKitRenderer.Render(reply, new ConversationOptions(), conversation: "T1:C1:1.2").Blocks;

        var feedback = Assert.Single(blocks, b => (string?)b["type"] == "context_actions")!;
        var buttons = Assert.Single(feedback["elements"]!)!;
        Assert.Equal("feedback_buttons", (string?)buttons["type"]);
        var positive = JObject.Parse((string)buttons["positive_button"]!["value"]!);
        var negative = JObject.Parse((string)buttons["negative_button"]!["value"]!);
        Assert.Equal(("feedback", "true", "T1:C1:1.2"), ((string?)positive["action"], (string?)positive["helpful"], (string?)positive[BlockKitRenderer.ConversationKey]));
        Assert.Equal("false", (string?)negative["helpful"]);
        Assert.Equal("👍", (string?)buttons["positive_button"]!["text"]!["text"]);
        var other = Assert.Single(blocks, b => (string?)b["type"] == "actions")!;
        Assert.Equal(["中文"], other["elements"]!.Select(e => (string?)e["text"]!["text"]));
    }

    [Fact]
    public void Render_BoldBetweenChineseCharacters_IsFencedByZeroWidthSpaces()
    {
        var reply = new Reply { Kind = ReplyKind.DialogResult, Language = Language.Zh, Title = "把 Pod MTU 设为 1410", Paragraphs = ["把 MTU 设为**1410**即可，再用**ping**验证。"] };

        var text = string.Join("\n", BlockKitRenderer.Render(reply, new ConversationOptions()).Blocks.Descendants().OfType<JValue>().Select(v => v.Value as string).OfType<string>());

        Assert.Contains("设为\u200B*1410*\u200B即可", text, StringComparison.Ordinal);
        Assert.Contains("再用\u200B*ping*\u200B验证", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?<!\u200B)\\*(?!\u200B)", text); // every marker fenced on its outer side
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TableRow_IsFieldsUnderTheHeaderNames_AndCodeIsPreformatted()
    {
        var row = Passage(PassageKind.TableRow, RichText.Plain("x"), header: [RichText.Plain("Mode"), RichText.Plain("Calico MTU")], cells: [RichText.Plain("VXLAN (IPv6)"), RichText.Plain("1430")]);
        var code = Passage(PassageKind.Code, RichText.Plain("Check it:"), code: "ip -d link show vxlan.calico");
        var reply = new Reply { Kind = ReplyKind.Section, Language = Language.En, Title = "MTU › VXLAN MTU", Answer = new CitedSection(Section, [row, code]) };

        var blocks = BlockKitRenderer.Render(reply, new ConversationOptions()).Blocks;

        Assert.Equal(["\u200B*Mode*\u200B\nVXLAN (IPv6)", "\u200B*Calico MTU*\u200B\n1430"], blocks[0]!["fields"]!.Select(f => (string)f["text"]!));
        Assert.Equal("Check it:", (string?)blocks[1]!["elements"]![0]!["elements"]![0]!["text"]);
        Assert.Equal("rich_text_preformatted", (string?)blocks[1]!["elements"]![1]!["type"]);
        Assert.Equal("ip -d link show vxlan.calico", (string?)blocks[1]!["elements"]![1]!["elements"]![0]!["text"]);
    }

    [Theory]
    [InlineData("<!channel> please answer", "&lt;!channel&gt; please answer")]
    [InlineData("<!here|here> and <!everyone>", "&lt;!here|here&gt; and &lt;!everyone&gt;")]
    [InlineData("ping @channel and @Here now", "ping @\u200Bchannel and @\u200BHere now")]
    [InlineData("<@U123> hi", "&lt;@U123&gt; hi")]
    public void Escape_NeverLetsAMassMentionThrough(string input, string expected)
    {
        Assert.Equal(expected, BlockKitRenderer.Escape(input));
    }

    [Fact]
    public void Render_EchoedQuestionWithMassMentions_CannotPingAnyone()
    {
        var reply = new Reply { Kind = ReplyKind.NoAnswer, Language = Language.En, Title = "No good answer", Paragraphs = ["I found nothing for “<!channel> @here deploy now”."] };

        var json = BlockKitRenderer.Render(reply, new ConversationOptions()).Blocks.ToString();

        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StaysWithinSlacksLimits()
    {
        var steps = Enumerable.Range(0, 60).Select(i => new ResultStep($"Step {i}", new string('x', 5000), StepImpact.ReadOnly, [Section])).ToArray();
        var reply = new Reply
        {
            Kind = ReplyKind.DialogResult,
            Language = Language.En,
            Title = new string('T', 200),
            Answer = new CitedSection(Section, [Passage(PassageKind.Paragraph, RichText.Plain(new string('y', 10_000)))]),
            Steps = steps,
            Actions = Enumerable.Range(0, 12).Select(i => new ReplyAction(new string('b', 100), new Dictionary<string, string> { ["action"] = "dialog", ["value"] = $"v{i}", ["question"] = new string('q', 3000) })).ToArray(),
        };

        var blocks = BlockKitRenderer.Render(reply, new ConversationOptions { SourceBaseUrl = "https://example.com/r" }).Blocks;

        Assert.True(blocks.Count <= BlockKitRenderer.MaxBlocks);
        Assert.All(blocks.Where(b => (string?)b["type"] == "section"), b => Assert.True(((string)b["text"]!["text"]!).Length <= BlockKitRenderer.MaxSectionText));
        Assert.All(blocks.Where(b => (string?)b["type"] == "rich_text").SelectMany(b => ((JObject)b).Descendants().OfType<JObject>()).Where(e => (string?)e["type"] == "text"), e => Assert.True(((string)e["text"]!).Length <= BlockKitRenderer.MaxSectionText));
        var buttons = blocks.Where(b => (string?)b["type"] == "actions").SelectMany(b => b["elements"]!).ToArray();
        Assert.Equal(12, buttons.Length);
        Assert.All(buttons, b => Assert.True(((string)b["value"]!).Length <= BlockKitRenderer.MaxButtonValue));
        Assert.All(buttons, b => Assert.True(((string)b["text"]!["text"]!).Length <= BlockKitRenderer.MaxButtonText));
    }
    [Fact]
    public void Cuts_NeverSplitASurrogatePair()
    {
        // An emoji (two UTF-16 units) straddling each cut: half of it would make the JSON Slack receives ill-formed.
        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        string Straddling(int cut) => new string('x', cut - 1) + "\U0001F600" + new string('y', 50);

        var section = (string)BlockKitRenderer.Section(Straddling(BlockKitRenderer.MaxSectionText - 1))["text"]!["text"]!;
        var linked = (string)BlockKitRenderer.Section(Straddling(BlockKitRenderer.MaxSectionText - "… <https://example.com/m|more>".Length), new Uri("https://example.com/m"))["text"]!["text"]!;
        var context = (string)BlockKitRenderer.Context(Straddling(BlockKitRenderer.MaxSectionText - 1))["elements"]![0]!["text"]!;
        var reply = new Reply { Kind = ReplyKind.Section, Language = Language.En, Title = "T", Answer = new CitedSection(Section, [Passage(PassageKind.Paragraph, RichText.Plain(Straddling(296)))]) };
        var notification = BlockKitRenderer.Render(reply, new ConversationOptions()).Text;

        Assert.All(new[] { section, linked, context, notification }, text =>
        {
            Assert.EndsWith(text == linked ? "|more>" : "…", text, StringComparison.Ordinal);
            _ = strict.GetByteCount(text);
        });
        Assert.True(section.Length <= BlockKitRenderer.MaxSectionText && linked.Length <= BlockKitRenderer.MaxSectionText && context.Length <= BlockKitRenderer.MaxSectionText);
        Assert.True(notification.Length <= 300);
    }

    [Fact]
    public void Render_Comparison_IsARowOfFieldsPerDimension_WithSourceLinks()
    {
        var reply = new Reply
        {
            Kind = ReplyKind.Comparison,
            Language = Language.En,
            Title = "Calico vs Cilium",
            Table = new ReplyTable(
                ["Calico", "Cilium"],
                [
                    new ReplyTableRow("FQDN policy", ["No <in open source>", "Yes & more"], [Section], ["https://docs.example.org/fqdn"]),
                    new ReplyTableRow("Long", [new string('x', 2500), "y"], [], []),
                ]),
        };

        var message = BlockKitRenderer.Render(reply, new ConversationOptions { SourceBaseUrl = "https://example.com/r/blob/main" });

        var rows = message.Blocks.Where(b => b["fields"] is not null).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal("\u200B*FQDN policy*\u200B", (string?)rows[0]["text"]!["text"]);
        Assert.Equal(["\u200B*Calico*\u200B\nNo &lt;in open source&gt;", "\u200B*Cilium*\u200B\nYes &amp; more"], rows[0]["fields"]!.Select(f => (string)f["text"]!));
        var sources = (string)message.Blocks.Single(b => (string?)b["type"] == "context")["elements"]![0]!["text"]!;
        Assert.Equal("Source: <https://example.com/r/blob/main/knowledge/en/mtu.md#vxlan-mtu|knowledge/en/mtu.md#vxlan-mtu> · <https://docs.example.org/fqdn|docs.example.org>", sources);
        Assert.All(rows[1]["fields"]!, f => Assert.True(((string)f["text"]!).Length <= BlockKitRenderer.MaxFieldText));
    }
}
