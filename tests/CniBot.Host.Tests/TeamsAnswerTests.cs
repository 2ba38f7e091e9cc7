using System.Net;
using CniBot.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>
/// Answers on Teams through the real host: Teams' own citations (the schema.org Message entity of
/// TestData/Activities) and feedback buttons, and a rating from those buttons recorded with the answer it rates.
/// </summary>
public sealed class TeamsAnswerTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder data = new();
    private FakeBotConnector connector = null!;
    private CniBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        connector = await FakeBotConnector.StartAsync();
        factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = Repository.Knowledge,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppId"] = string.Empty,
            ["BotFramework:AllowedServiceUrlHosts:0"] = connector.ServiceUrl.Host,
            ["Knowledge:SourceBaseUrl"] = "https://github.com/acme/cnibot/blob/main/",
        });
        client = await factory.ReadyClientAsync();
    }

    [Fact]
    public async Task AnAnswer_IsItsTextWithTeamsCitations_AndTeamsFeedbackButtons_NotMarkedAsAI()
    {
        var reply = Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(client, BotRequests.Message("Does flannel VXLAN use UDP 8472 or 4789?", channelId: "msteams"))));

        // The passage that answers is the message's text, with its citation marker.
        var text = (string)reply["text"]!;
        Assert.Contains("8472", text, StringComparison.Ordinal);
        Assert.Contains("[1]", text, StringComparison.Ordinal);
        Assert.Equal("markdown", (string?)reply["textFormat"]);

        // The entity is the documented one, key for key, with CniBot's values in Teams' limits.
        var entity = (JObject)Assert.Single(reply["entities"]!, e => (string?)e["type"] == "https://schema.org/Message");
        var documented = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Activities", "teams-citation-message-entity.json")));
        Assert.Equal(Paths(documented), Paths(entity).Intersect(Paths(documented)).Order(StringComparer.Ordinal));
        Assert.Empty(Paths(entity).Except(Paths(documented)));
        Assert.Null(entity["additionalType"]); // quoted from the knowledge, not generated
        var claims = (JArray)entity["citation"]!;
        Assert.Equal(Enumerable.Range(1, claims.Count), claims.Select(c => (int)c["position"]!));
        Assert.All(claims, c => Assert.Contains($"[{(int)c["position"]!}]", text, StringComparison.Ordinal));
        var first = claims[0]["appearance"]!;
        Assert.Contains("Which ports must be open for flannel", (string)first["name"]!, StringComparison.Ordinal);
        Assert.InRange(((string)first["name"]!).Length, 1, 80);
        Assert.InRange(((string)first["abstract"]!).Length, 1, 160);
        Assert.StartsWith("https://github.com/acme/cnibot/blob/main/knowledge/en/flannel.md#which-ports-must-be-open-for-flannel", (string)first["url"]!, StringComparison.Ordinal);
        var keywords = first["keywords"]!.Select(k => (string)k!).ToArray();
        Assert.InRange(keywords.Length, 1, 3);
        Assert.All(keywords, k => Assert.InRange(k.Length, 1, 28));
        Assert.Contains(keywords, k => k.StartsWith("checked 20", StringComparison.Ordinal)); // when the section was last checked

        // Teams' own 👍/👎; the card keeps only the buttons text cannot carry.
        Assert.Equal("default", (string?)reply["channelData"]!["feedbackLoop"]!["type"]);
        var card = BotRequests.Card(reply);
        var buttons = card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "Action.Submit").Select(o => (string)o["title"]!).ToArray();
        Assert.Contains("中文", buttons);
        Assert.DoesNotContain("👍", buttons);
        Assert.DoesNotContain(card.Descendants().OfType<JObject>(), o => (string?)o["type"] is "TextBlock" or "RichTextBlock"); // the passage is the text
    }

    [Fact]
    public async Task AnAnswerThatIsATable_KeepsTheCardWithTheTable_AndTheTextCitesIt()
    {
        var reply = Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(client, BotRequests.Message("What MTU overhead does each Calico encapsulation add, in a table?", channelId: "msteams"))));

        var card = BotRequests.Card(reply);
        Assert.Contains(card.Descendants().OfType<JObject>(), o => (string?)o["type"] == "Table");
        Assert.EndsWith("[1]", ((string)reply["text"]!).Split("\n\n")[0], StringComparison.Ordinal);
        Assert.NotNull(reply["entities"]);
    }

    [Fact]
    public async Task WebChatAndTheEmulator_StillGetTheFullCard_WithItsOwnRatingButtons()
    {
        var reply = Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(client, BotRequests.Message("Does flannel VXLAN use UDP 8472 or 4789?", channelId: "webchat"))));

        var card = BotRequests.Card(reply);
        Assert.Contains("8472", card.ToString(), StringComparison.Ordinal);
        Assert.Equal(["👍", "👎"], card["actions"]!.Select(a => (string)a["title"]!).Take(2));
        Assert.Null(reply["channelData"]?["feedbackLoop"]);
    }

    [Fact]
    public async Task TeamsFeedback_OnASentAnswer_IsRecordedWithItsSectionQuestionAndReason_AndAnsweredWithAnEmptyObject()
    {
        await BotRequests.PostAsync(client, BotRequests.Message("Which ports must be open for Cilium?", connector.ServiceUrl.AbsoluteUri, expectReplies: false, channelId: "msteams"));
        var (_, sentAnswer, _) = Assert.Single(connector.Received);
        Assert.NotNull(sentAnswer["entities"]);

        var response = await BotRequests.PostAsync(client, Feedback("reply-1", "Our cluster runs Cilium 1.15, the ports differ"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", (await response.Content.ReadAsStringAsync()).Trim());
        var line = JObject.Parse(Assert.Single(await File.ReadAllLinesAsync(Path.Combine(data.Root, "feedback.jsonl"))));
        Assert.False((bool)line["helpful"]!);
        Assert.Equal("Which ports must be open for Cilium?", (string?)line["question"]);
        Assert.StartsWith("knowledge/en/cilium.md#", (string?)line["section"], StringComparison.Ordinal);
        Assert.Equal("Our cluster runs Cilium 1.15, the ports differ", (string?)line["reason"]);
        Assert.Equal("msteams", (string?)line["channel"]);
        Assert.Single(connector.Received); // no message in reply: Teams shows its own thanks
    }

    [Fact]
    public async Task TeamsFeedback_OnAMessageNotRemembered_IsStillRecorded()
    {
        var response = await BotRequests.PostAsync(client, Feedback("reply-unknown", "too vague"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = JObject.Parse(Assert.Single(await File.ReadAllLinesAsync(Path.Combine(data.Root, "feedback.jsonl"))));
        Assert.Equal("too vague", (string?)line["reason"]);
        Assert.Null(line["section"]);
    }

    [Fact]
    public async Task TeamsFeedback_WithAnUnknownReaction_Is400()
    {
        var invoke = Feedback("reply-1", "x");
        invoke["value"]!["actionValue"]!["reaction"] = "meh";

        Assert.Equal(HttpStatusCode.BadRequest, (await BotRequests.PostAsync(client, invoke)).StatusCode);
        Assert.False(File.Exists(Path.Combine(data.Root, "feedback.jsonl")));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        await connector.DisposeAsync();
    }

    public void Dispose() => data.Dispose();

    /// <summary>Teams' invoke when 👎 is pressed under message <paramref name="replyToId"/> and the form is sent.</summary>
    private JObject Feedback(string replyToId, string reason) => JObject.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Activities", "teams-feedback-submit-action.json"))
            .Replace("SERVICE_URL", connector.ServiceUrl.AbsoluteUri, StringComparison.Ordinal)
            .Replace("REPLY_TO_ID", replyToId, StringComparison.Ordinal)
            .Replace("FEEDBACK_TEXT", reason, StringComparison.Ordinal));

    /// <summary>Every property path in a JSON object, array positions left out ("citation.appearance.name").</summary>
    private static string[] Paths(JObject o) =>
        [.. ((JObject)o.DeepClone()).Descendants().OfType<JProperty>().Select(p => string.Join('.', p.AncestorsAndSelf().OfType<JProperty>().Reverse().Select(a => a.Name))).Distinct().Order(StringComparer.Ordinal)];
}
