using CniBot.Bot.Cards;
using CniBot.Conversation;
using CniBot.Knowledge;
using CniBot.Search;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Cards;

/// <summary>An answer in Teams' own form: text with citation markers, the Message entity, the feedback loop.</summary>
public sealed class TeamsAnswerRendererTests
{
    private static KnowledgeSection Section(string heading) => TestSections.Mtu(heading);

    private static Reply Answer(KnowledgeSection section, params AnswerPassage[] passages) => new()
    {
        Kind = ReplyKind.Answer,
        Language = Language.En,
        Title = "MTU › " + section.Heading,
        Answer = new CitedSection(section, passages),
        Actions = [new ReplyAction("👍", new Dictionary<string, string> { [ActionNames.Action] = ActionNames.Feedback, [ActionNames.Helpful] = "true" }), new ReplyAction("中文", new Dictionary<string, string> { [ActionNames.Action] = ActionNames.ShowSection })],
    };

    private static AnswerPassage Paragraph(string text) =>
        AnswerPassage.Of(new KnowledgePassage { Ordinal = 0, Kind = PassageKind.Paragraph, Line = 1, Body = RichText.Plain(text) });

    [Fact]
    public void ALongHeadingAndPassage_AreCutToTeamsLimits_AndNoLinkIsInventedWithoutOne()
    {
        var section = Section(new string('h', 120));
        var message = TeamsAnswerRenderer.Render(Answer(section, Paragraph(new string('p', 400))), new ConversationOptions(), _ => null);

        var appearance = message.Entity["citation"]![0]!["appearance"]!;
        Assert.Equal(TeamsAnswerRenderer.MaxName, ((string)appearance["name"]!).Length);
        Assert.Equal(TeamsAnswerRenderer.MaxAbstract, ((string)appearance["abstract"]!).Length);
        Assert.Null(appearance["url"]);
        Assert.Equal(["en/mtu.md"], appearance["keywords"]!.Select(k => (string)k!)); // no document: the file only
        Assert.EndsWith(" [1]", message.Text, StringComparison.Ordinal);
        Assert.Equal("default", (string?)message.ChannelData["feedbackLoop"]!["type"]);
    }

    [Fact]
    public void AnAnswerWithoutPassages_IsItsTitleWithTheMarker_AndTheCardKeepsOnlyNonRatingButtons()
    {
        var message = TeamsAnswerRenderer.Render(Answer(Section("VXLAN MTU")), new ConversationOptions(), _ => "https://example.com/x");

        Assert.Equal("**MTU › VXLAN MTU** [1]", message.Text);
        var titles = message.Card!.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "Action.Submit").Select(o => (string)o["title"]!).ToArray();
        Assert.Equal(["中文"], titles);
        Assert.Equal("https://example.com/x", (string?)message.Entity["citation"]![0]!["appearance"]!["url"]);
    }
}
