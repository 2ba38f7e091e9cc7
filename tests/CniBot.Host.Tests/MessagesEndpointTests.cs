using System.Text;
using CniBot.Tests.Fakes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

public sealed class MessagesEndpointTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task ExpectReplies_EnglishQuestion_GetsACitedAdaptiveCard()
    {
        var replies = await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, BotRequests.Message("Does flannel VXLAN use UDP 8472 or 4789?")));

        var reply = Assert.Single(replies);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)reply["attachments"]![0]!["contentType"]);
        var card = BotRequests.Card(reply);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("en", (string?)card["lang"]);
        var texts = card["body"]!.Select(BotRequests.Text).OfType<string>().ToArray();
        Assert.Contains("8472", texts[0], StringComparison.Ordinal); // the passage that answers comes first
        Assert.Contains("Which ports must be open for flannel", BotRequests.Title(card), StringComparison.Ordinal);
        Assert.Contains(texts, t => t.StartsWith("Source: knowledge/en/flannel.md#which-ports-must-be-open-for-flannel", StringComparison.Ordinal));
        Assert.DoesNotContain(card.Descendants().OfType<JValue>(), v => v.Value is string s && (s.Contains("\\#", StringComparison.Ordinal) || s.Contains("\\_", StringComparison.Ordinal)));
        Assert.Equal(["👍", "👎"], card["actions"]!.Select(a => (string)a["title"]!).Take(2));
        Assert.Contains(card["actions"]!, a => (string?)a["title"] == "中文");
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024);
        Assert.Equal("en-US", (string?)reply["locale"]);
    }

    [Theory]
    [InlineData("webchat", "Which MTU for Calico VXLAN over IPv6 on a 1500-byte network?")] // a table row's card
    [InlineData("webchat", "calico-node 报 BIRD is not ready: BGP not established，怎么查？")]
    [InlineData("msteams", "Does flannel VXLAN use UDP 8472 or 4789?")] // Teams' markdown answer with its entity and buttons
    [InlineData("webchat", "help")]
    public async Task ExpectReplies_AreWrittenAsTheSdkWouldWriteThem(string channel, string question)
    {
        var response = await BotRequests.PostAsync(host.Client, BotRequests.Message(question, channelId: channel));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var written = await response.Content.ReadAsStringAsync();

        // The endpoint leaves out the SDK's attachment converter (it copies every card into a JSON tree before writing
        // it): the same replies written with the SDK's own attributes give the same text, attachments included.
        var replies = JsonConvert.DeserializeObject<Microsoft.Bot.Schema.ExpectedReplies>(written)!;
        Assert.Contains(replies.Activities, a => a.Attachments is { Count: > 0 });
        Assert.Equal(JsonConvert.SerializeObject(replies, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore }), written);
    }

    [Fact]
    public async Task PastedCalicoctlOutput_GetsACardOfFindings_WithEvidenceAndTaggedSteps()
    {
        var paste = "跨区域的节点连不上\nCalico process is running.\n\nIPv4 BGP status\n| PEER ADDRESS  | PEER TYPE         | STATE | SINCE    | INFO    |\n| 172.20.196.48 | node-to-node mesh | start | 01:50:43 | Connect |\n| 172.28.138.128 | node-to-node mesh | up   | 01:50:43 | Established |";

        var card = BotRequests.Card(Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, BotRequests.Message(paste)))));

        Assert.Equal("zh-CN", (string?)card["lang"]);
        Assert.Contains("calicoctl-node-status", BotRequests.Title(card), StringComparison.Ordinal);
        var texts = card.Descendants().OfType<JValue>().Select(v => v.Value as string).OfType<string>().ToArray();
        Assert.Contains(texts, t => t.Contains("172.20.196.48", StringComparison.Ordinal) && t.Contains("Connect", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("nc -zv 172.20.196.48 179", StringComparison.Ordinal));
        Assert.True(Encoding.UTF8.GetByteCount(card.ToString(Formatting.None)) < 28 * 1024);
    }

    [Fact]
    public async Task TeamsMessageAction_OpensADialogWithTheFindings_ForTheMessagesHtmlBody()
    {
        // composeExtension/fetchTask for the "Inspect with CniBot" message action, the message body as Teams sends it.
        var invoke = BotRequests.Message(string.Empty, expectReplies: false);
        invoke["type"] = "invoke";
        invoke["name"] = "composeExtension/fetchTask";
        invoke.Remove("text");
        invoke["value"] = new JObject
        {
            ["commandId"] = "inspect",
            ["commandContext"] = "message",
            ["messagePayload"] = new JObject
            {
                ["id"] = "1600000000000",
                ["body"] = new JObject
                {
                    ["contentType"] = "html",
                    ["content"] = "<p>GCP, Calico VXLAN</p><pre>2: ens4: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1460 qdisc mq state UP<br>5: vxlan.calico: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1450 qdisc noqueue state UNKNOWN<br>    vxlan id 4096 local 10.128.0.5 dev ens4 srcport 0 0 dstport 4789</pre>",
                },
            },
        };

        var response = await BotRequests.PostAsync(host.Client, invoke);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var task = JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!;
        Assert.Equal("continue", (string?)task["type"]);
        var card = (JObject)task["value"]!["card"]!["content"]!;
        Assert.Contains("1410", BotRequests.Title(card) + card.ToString(Formatting.None), StringComparison.Ordinal);
        Assert.Contains(card.Descendants().OfType<JValue>(), v => v.Value is string t && t.Contains("set the tunnel and pod MTU to 1410", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Which ports must be open for flannel?", "flannel")]
    [InlineData("flannel 需要放通哪些端口？", "flannel")]
    [InlineData("What is our company's parental leave policy?", null)]
    public async Task TeamsComposeSearch_ListsTheSectionsThatAnswer_AsCardsToInsert(string query, string? expected)
    {
        // composeExtension/query as Teams sends it from the compose box (TestData/Activities).
        var invoke = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Activities", "teams-compose-query.json")));
        invoke["value"]!["parameters"]![0]!["value"] = query;

        var response = await BotRequests.PostAsync(host.Client, invoke);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var result = JObject.Parse(await response.Content.ReadAsStringAsync())["composeExtension"]!;
        Assert.Equal("result", (string?)result["type"]);
        Assert.Equal("list", (string?)result["attachmentLayout"]);
        var attachments = (JArray)result["attachments"]!;
        if (expected is null)
        {
            Assert.Empty(attachments); // no good answer: nothing to insert
            return;
        }

        Assert.InRange(attachments.Count, 1, 5);
        var first = attachments[0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)first["contentType"]);
        Assert.Equal("1.5", (string?)first["content"]!["version"]);
        Assert.Equal("application/vnd.microsoft.card.thumbnail", (string?)first["preview"]!["contentType"]);
        Assert.Contains(expected, (string?)first["preview"]!["content"]!["title"] + " " + (string?)first["preview"]!["content"]!["text"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KnowledgeSourceBaseUrl_MakesTheCitationALink()
    {
        using var data = new TempFolder();
        await using var factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            ["Knowledge:SourceBaseUrl"] = "https://example.com/acme/cnibot/blob/main",
        });
        using var client = await factory.ReadyClientAsync();

        var card = BotRequests.Card(Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(client, BotRequests.Message("Does flannel VXLAN use UDP 8472 or 4789?")))));

        Assert.Contains("https://example.com/acme/cnibot/blob/main/knowledge/en/flannel.md#which-ports-must-be-open-for-flannel", card.ToString(Formatting.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_LeadsWithTheTableRowThatAnswers_UnderItsHeader_WithNoEscapeCharacters()
    {
        var replies = await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, BotRequests.Message("Which MTU for Calico VXLAN over IPv6 on a 1500-byte network?")));

        var card = BotRequests.Card(Assert.Single(replies));
        var table = card["body"]![0]!;
        Assert.Equal("Table", (string?)table["type"]);
        string[] Row(int row) => [.. table["rows"]![row]!["cells"]!.Select(c => BotRequests.Text(c["items"]![0]!)!)];
        Assert.Equal(["Mode", "Overhead (bytes)", "Calico MTU"], Row(0));
        Assert.Equal(["VXLAN (IPv6)", "70", "1430"], Row(1));
        Assert.StartsWith("Calico", BotRequests.Title(card), StringComparison.Ordinal);
        // Nothing the reader sees carries a markdown escape: knowledge text travels in TextRuns, never read as markdown.
        var texts = card.Descendants().OfType<JProperty>().Where(p => p.Name == "text").Select(p => (string?)p.Value ?? string.Empty).ToArray();
        Assert.DoesNotContain(texts, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"\\[#_*\[\]`<>~]"));
    }

    [Fact]
    public async Task ExpectReplies_ChineseQuestion_IsAnsweredInChinese()
    {
        var replies = await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, BotRequests.Message("连接跟踪表满了怎么办？")));

        var card = BotRequests.Card(Assert.Single(replies));
        Assert.Equal("zh-CN", (string?)card["lang"]);
        Assert.Contains(card["body"]!, b => (BotRequests.Text(b))?.StartsWith("来源: knowledge/zh/", StringComparison.Ordinal) == true);
        Assert.Contains(card["actions"]!, a => (string?)a["title"] == "English");
    }

    [Fact]
    public async Task TeamsChannelMention_IsStrippedBeforeSearching()
    {
        var activity = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Activities", "teams-channel-mention.json")));
        activity["deliveryMode"] = "expectReplies";

        var reply = Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, activity)));

        // Answered on Teams: the text cites the Cilium section (the mention did not reach the search).
        Assert.Contains("Cilium", (string?)reply["summary"], StringComparison.Ordinal);
        Assert.Contains("[1]", (string?)reply["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackSubmit_IsRecordedAndThanked()
    {
        var answer = BotRequests.Card(Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, BotRequests.Message("Does flannel support NetworkPolicy?")))));
        var thumbsDown = answer["actions"]!.Single(a => (string?)a["title"] == "👎")["data"]!;
        var press = BotRequests.Message(string.Empty);
        press.Remove("text");
        press["value"] = thumbsDown; // Teams sends Action.Submit data as the activity's value.

        var thanks = BotRequests.Card(Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, press))));

        Assert.Equal("Thanks for the feedback", BotRequests.Title(thanks));
        var log = await File.ReadAllLinesAsync(Path.Combine(host.DataFolder, "feedback.jsonl"));
        Assert.Contains(log, l => l.Contains("\"helpful\":false", StringComparison.Ordinal) && l.Contains("flannel.md#does-flannel-support-kubernetes-networkpolicy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OffTopicQuestion_SaysThereIsNoGoodAnswer()
    {
        var card = BotRequests.Card(Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, BotRequests.Message("What is our company's parental leave policy?")))));

        Assert.Equal("No good answer in the knowledge base", BotRequests.Title(card));
    }

    [Fact]
    public async Task BotAddedToATeam_SendsTheBilingualWelcome_AndANewPersonDoesNot()
    {
        var added = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Activities", "teams-bot-added.json")));
        added["deliveryMode"] = "expectReplies";

        var welcome = BotRequests.Card(Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, added))));
        Assert.Equal("Hi, I'm CniBot · 你好，我是 CniBot", BotRequests.Title(welcome));

        added["membersAdded"] = new JArray(new JObject { ["id"] = "29:someone-else" });
        Assert.Empty(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, added)));
    }

    [Fact]
    public async Task NonCardChannel_GetsMarkdownText()
    {
        var reply = Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, BotRequests.Message("help", channelId: "sms"))));

        Assert.Empty(reply["attachments"] ?? new JArray());
        Assert.StartsWith("**What I can help with**", (string?)reply["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NormalDelivery_PostsTheReplyToTheServiceUrl()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        using var data = new TempFolder();
        await using var factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            ["BotFramework:AllowedServiceUrlHosts:0"] = connector.ServiceUrl.Host,
        });
        var client = await factory.ReadyClientAsync();

        var response = await BotRequests.PostAsync(client, BotRequests.Message("Which ports must be open for Cilium?", connector.ServiceUrl.AbsoluteUri, expectReplies: false));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var (path, activity, _) = Assert.Single(connector.Received);
        Assert.Equal("/v3/conversations/a:personal-chat/activities/activity-1", path);
        Assert.Equal("activity-1", (string?)activity["replyToId"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)activity["attachments"]![0]!["contentType"]);
        Assert.Contains("Cilium", BotRequests.Title((JObject)activity["attachments"]![0]!["content"]!), StringComparison.Ordinal);
    }
}

/// <summary>Turn limits through the real host: the person is told, in their language, instead of being ignored.</summary>
public sealed class TurnLimitTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder data = new();
    private CniBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = Repository.Knowledge,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppId"] = string.Empty,
            ["RateLimits:UserTurnsPerWindow"] = "2",
            ["RateLimits:ConversationTurnsPerWindow"] = "100",
        });
        client = await factory.ReadyClientAsync();
    }

    [Fact]
    public async Task ThirdMessageInAMinute_GetsAClearReply_InTheQuestionsLanguage()
    {
        await BotRequests.PostAsync(client, BotRequests.Message("Which ports must be open for Cilium?"));
        await BotRequests.PostAsync(client, BotRequests.Message("Which ports must be open for Cilium?"));

        var limited = BotRequests.Card(Assert.Single(await BotRequests.RepliesAsync(await BotRequests.PostAsync(client, BotRequests.Message("Cilium 需要开放哪些端口？")))));

        Assert.Equal("请稍慢一点", BotRequests.Title(limited));
        Assert.Contains("超过 2 条消息", BotRequests.Text(limited["body"]![1]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatPage_NewTabPerMessage_DoesNotEscapeTheUserLimit()
    {
        async Task<string?> AskInANewTab()
        {
            var response = await client.PostAsync(
                new Uri("/api/chat", UriKind.Relative),
                new StringContent($$"""{ "conversation": "{{Guid.NewGuid()}}", "text": "Which ports must be open for Cilium?" }""", System.Text.Encoding.UTF8, "application/json"));
            var activity = (JObject)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]![0]!;
            return (string?)activity["summary"]; // the reply's title, whether an answer (text) or a card
        }

        await AskInANewTab();
        await AskInANewTab();

        Assert.Equal("Slow down a little", await AskInANewTab());
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }

    public void Dispose() => data.Dispose();
}

/// <summary>The chat page's endpoint: the same bot and answers as Teams, and never on by accident.</summary>
public sealed class ChatEndpointTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Question_GetsTheAnswerTeamsGets_WithCitationsLinkedToThisHost_AndAnIdToRate()
    {
        var reply = await PostAsync(host.Client, $$"""{ "conversation": "{{Guid.NewGuid()}}", "text": "Which UDP port does flannel vxlan use?" }""");

        Assert.Equal(System.Net.HttpStatusCode.OK, reply.StatusCode);
        var activity = (JObject)JObject.Parse(await reply.Content.ReadAsStringAsync())["activities"]![0]!;
        Assert.Contains("[1]", (string?)activity["text"], StringComparison.Ordinal);
        Assert.Equal("default", (string?)activity["channelData"]!["feedbackLoop"]!["type"]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)activity["id"]);
        var url = (string?)activity["entities"]![0]!["citation"]![0]!["appearance"]!["url"];
        Assert.StartsWith("/knowledge/en/flannel.md#", url, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync(new Uri(url!, UriKind.Relative))).StatusCode);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)activity["attachments"]![0]!["contentType"]);
        Assert.Equal("text/html; charset=utf-8", (await host.Client.GetAsync(new Uri("/", UriKind.Relative))).Content.Headers.ContentType?.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/chat/lib/adaptivecards.min.js", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("""{ "text": "hi" }""", "'conversation'")]
    [InlineData("""{ "conversation": "../../etc", "text": "hi" }""", "'conversation'")]
    [InlineData("""{ "conversation": "abcdefgh-1234" }""", "'text' or a button's 'value'")]
    [InlineData("""{ "conversation": "abcdefgh-1234", "text": "hi" """, "malformed JSON")]
    [InlineData("""{ "conversation": "abcdefgh-1234", "invoke": { "name": "composeExtension/query", "replyToId": "abcdefgh", "value": {} } }""", "'invoke' needs")]
    [InlineData("""{ "conversation": "abcdefgh-1234", "invoke": { "name": "message/submitAction", "replyToId": "../x", "value": {} } }""", "'invoke' needs")]
    [InlineData("""{ "conversation": "abcdefgh-1234", "invoke": { "name": "message/submitAction", "replyToId": "abcdefgh" } }""", "'invoke' needs")]
    public async Task BadRequest_Is400_WithTheReason(string body, string reason)
    {
        var response = await PostAsync(host.Client, body);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnowledgeFiles_AreServedAsHtml_ButNothingElse()
    {
        var page = await host.Client.GetStringAsync(new Uri("/knowledge/en/mtu.md", UriKind.Relative));

        Assert.Contains("id=\"what-mtu-does-aws-allow-inside-a-vpc-over-vpc-peering-transit-gateway-and-between-regions\"", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/knowledge/en/..%2F..%2Fappsettings.json", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Client.GetAsync(new Uri("/knowledge/fr/mtu.md", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(null, System.Net.HttpStatusCode.NotFound)]
    [InlineData("false", System.Net.HttpStatusCode.NotFound)]
    [InlineData("true", System.Net.HttpStatusCode.OK)]
    public async Task WithAnAppId_TheChatIsOff_UnlessEnabledOnPurpose(string? enabled, System.Net.HttpStatusCode expected)
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = Repository.Knowledge,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["ChatPage:Enabled"] = enabled,
        };
        await using var factory = new CniBotFactory(settings);
        using var client = await factory.ReadyClientAsync();

        var response = await PostAsync(client, $$"""{ "conversation": "{{Guid.NewGuid()}}", "text": "Which UDP port does flannel vxlan use?" }""");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) =>
        client.PostAsync(new Uri("/api/chat", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}
