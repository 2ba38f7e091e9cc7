using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net;
using System.Text;
using CniBot.Bot.Slack;
using CniBot.Tests.Fakes;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>Slack end to end: signed requests to the real host, replies observed on a fake Slack Web API.</summary>
public sealed class SlackTests : IAsyncLifetime
{
    private const string Secret = "slack-test-signing-secret";
    private const string Maintainer = "UMAINT";
    private SlackHost host = null!;

    public async Task InitializeAsync()
    {
        host = await SlackHost.StartAsync(("Slack:SigningSecret", Secret), ("Slack:Maintainers:0", Maintainer));
        await host.Slack.WaitForAsync("/api/auth.test"); // CniBot learns its own user id at start.
    }

    [Theory]
    [InlineData("https://hooks.slack.com.attacker.example/commands/T1/1/x")]
    [InlineData("http://hooks.slack.com/commands/T1/1/x")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task SlashCommand_WithAResponseUrlOutsideSlack_IsRefused(string responseUrl)
    {
        var form = $"team_id=T1&channel_id=C1&user_id=U1&command=%2Fcni&text=help&response_url={Uri.EscapeDataString(responseUrl)}&trigger_id=r.{Guid.NewGuid():N}";

        var response = await PostSignedAsync("/api/slack/commands", form, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Slack:ResponseUrlHosts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayedSignedCommand_IsAnsweredOnce()
    {
        var form = $"team_id=T1&channel_id=C1&user_id=U1&command=%2Fcni&text=help&response_url={Uri.EscapeDataString(host.Slack.ResponseUrl("replay").AbsoluteUri)}&trigger_id=replay.{Guid.NewGuid():N}";

        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync("/api/slack/commands", form, "application/x-www-form-urlencoded")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync("/api/slack/commands", form, "application/x-www-form-urlencoded")).StatusCode);
        await host.Slack.WaitForAsync("/response/replay");
        await Task.Delay(500);

        Assert.Single(host.Slack.CallsTo("/response/replay"));
    }

    [Fact]
    public void HttpClientRequestLogs_WhichCarryTheHookPath_AreOff()
    {
        var logger = host.Factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("System.Net.Http.HttpClient.SlackApiClient.LogicalHandler");

        Assert.False(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.True(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public async Task UrlVerification_IsAnsweredWithTheChallenge()
    {
        var response = await PostEventAsync(new JObject { ["type"] = "url_verification", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["challenge"]);
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("future")]
    public async Task BadSignature_Is401(string kind)
    {
        var body = Encoding.UTF8.GetBytes(new JObject { ["type"] = "url_verification", ["challenge"] = "x" }.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/slack/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var timestamp = (kind switch { "stale" => now - 600, "future" => now + 600, _ => now }).ToString(CultureInfo.InvariantCulture);
        if (kind != "unsigned")
        {
            var signer = new SlackSignatureVerifier(kind == "forged" ? "not-the-secret" : Secret, TimeProvider.System);
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", signer.SignatureFor(timestamp, body));
        }

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AppMention_GetsAThreadedReplyWithBlocksAndACitation()
    {
        var response = await PostEventAsync(Event("Ev-mention", new JObject
        {
            ["type"] = "app_mention",
            ["user"] = "U061F7AUR",
            ["text"] = $"<@{FakeSlackApi.BotUserId}> Which ports must be open between nodes for Cilium?",
            ["ts"] = "1515449522.000016",
            ["channel"] = "C123ABC456",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "C123ABC456");
        Assert.Equal("1515449522.000016", (string?)posted["thread_ts"]);
        Assert.Contains("knowledge/en/cilium.md#which-ports-must-be-open-between-nodes-for-cilium", posted["blocks"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Bearer xoxb-test-token", host.Slack.CallsTo("/api/chat.postMessage")[0].Authorization);
        WithinSlackLimits(posted);
    }

    [Fact]
    public async Task PastedIpLinkInADm_AsSlackEscapesIt_IsInspected()
    {
        // Slack sends &, < and > escaped in message text.
        var paste = "GCP, Calico VXLAN\n```\n2: ens4: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1460 qdisc mq state UP\n5: vxlan.calico: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1450 qdisc noqueue state UNKNOWN\n    vxlan id 4096 local 10.128.0.5 dev ens4 srcport 0 0 dstport 4789\n```";
        await PostEventAsync(Event("Ev-paste", new JObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["user"] = "U2147483697",
            ["text"] = paste,
            ["ts"] = "1355517524.000006",
            ["channel"] = "D0PASTE01",
        }));

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "D0PASTE01");
        var blocks = posted["blocks"]!.ToString();
        Assert.Contains("set the tunnel and pod MTU to 1410", blocks, StringComparison.Ordinal);
        Assert.Contains("1460 − 50 = 1410", blocks, StringComparison.Ordinal);
        WithinSlackLimits(posted);
    }

    [Fact]
    public async Task NativeFeedbackButtons_UnderAnAnswer_AreRecordedLikeTheOld()
    {
        await PostEventAsync(Event("Ev-feedback", new JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = $"<@{FakeSlackApi.BotUserId}> Does flannel support NetworkPolicy?", ["ts"] = "1600000000.000400", ["channel"] = "CFEED" }));
        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CFEED");
        var buttons = posted["blocks"]!.Single(b => (string?)b["type"] == "context_actions")["elements"]!.Single(e => (string?)e["type"] == "feedback_buttons");

        // The block_actions payload Slack sends when 👎 of a feedback_buttons element is pressed (TestData/Slack).
        var payload = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Slack", "block-actions-feedback-buttons.json"))
            .Replace("RESPONSE_URL", host.Slack.ResponseUrl("feedback-1").AbsoluteUri, StringComparison.Ordinal);
        var press = JObject.Parse(payload);
        press["actions"]![0]!["value"] = buttons["negative_button"]!["value"];
        var ack = await PostSignedAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToString()), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var log = await host.FeedbackLogAsync(l => l.Contains("\"helpful\":false", StringComparison.Ordinal));

        Assert.Contains(log, l => l.Contains("\"helpful\":false", StringComparison.Ordinal) && l.Contains("flannel.md#does-flannel-support-kubernetes-networkpolicy", StringComparison.Ordinal));
        WithinSlackLimits(posted);
    }

    [Fact]
    public async Task OpeningTheHomeTab_PublishesIt_AndMaintainersAlsoSeeWhatWentUnansweredOrRatedBadly()
    {
        // Something for the maintainers' part: a question the knowledge cannot answer, and a 👎 on an answer.
        await PostEventAsync(Event("Ev-home-unanswered", new JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> How long should sourdough bread proof?", ["ts"] = "1600000400.000100", ["channel"] = "CHOMEQ" }));
        await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CHOMEQ");

        await PostEventAsync(HomeOpened("Ev-home-1", Maintainer));
        await PostEventAsync(HomeOpened("Ev-home-2", "UPLAIN"));

        var maintainers = await host.Slack.WaitForAsync("/api/views.publish", b => (string?)b["user_id"] == Maintainer);
        var plain = await host.Slack.WaitForAsync("/api/views.publish", b => (string?)b["user_id"] == "UPLAIN");
        Assert.Equal("home", (string?)maintainers["view"]!["type"]);
        var everyone = plain["view"]!.ToString();
        Assert.Contains("Cilium 需要在节点之间开放哪些端口？", everyone, StringComparison.Ordinal);
        Assert.Contains("🩺 Diagnose", everyone, StringComparison.Ordinal);
        Assert.Contains("Choose a CNI plugin", everyone, StringComparison.Ordinal);
        Assert.DoesNotContain("For maintainers", everyone, StringComparison.Ordinal);
        Assert.DoesNotContain("sourdough", everyone, StringComparison.Ordinal);
        var theirs = maintainers["view"]!.ToString();
        Assert.Contains("For maintainers", theirs, StringComparison.Ordinal);
        Assert.Contains("1 × How long should sourdough bread proof?", theirs, StringComparison.Ordinal);
        Assert.True(((JArray)maintainers["view"]!["blocks"]!).Count <= 100); // a Home tab's limit
    }

    [Fact]
    public async Task HomeTabButtons_AreAnsweredInTheUsersDirectMessages()
    {
        await PostEventAsync(HomeOpened("Ev-home-3", "UHOME"));
        var view = await host.Slack.WaitForAsync("/api/views.publish", b => (string?)b["user_id"] == "UHOME");
        var buttons = view["view"]!["blocks"]!.Where(b => (string?)b["type"] == "actions").SelectMany(b => b["elements"]!).ToArray();

        await PressOnHomeAsync(buttons.Single(b => (string?)b["text"]!["text"] == "Which ports must be open between nodes for Cilium?"), "UHOME", "1600000600.000100");
        var answer = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "DUHOME");
        Assert.Contains("8472", answer["blocks"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("UHOME", (string?)host.Slack.CallsTo("/api/conversations.open").Last().Body["users"]);

        await PressOnHomeAsync(buttons.Single(b => ((string?)b["text"]!["text"])!.StartsWith("🩺", StringComparison.Ordinal)), "UHOME", "1600000600.000200");
        var menu = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "DUHOME" && b["blocks"]!.ToString().Contains("Choose an MTU", StringComparison.Ordinal));
        Assert.Contains(((JArray)menu["blocks"]!).Descendants().OfType<JValue>(), v => v.Value is string value && value.Contains("\"conv\":\"T1:DUHOME\"", StringComparison.Ordinal)); // the dialog goes on in the DM
    }

    private static JObject HomeOpened(string eventId, string user) => JObject.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Slack", "app-home-opened.json"))
            .Replace("USER_ID", user, StringComparison.Ordinal)
            .Replace("EVENT_ID", eventId, StringComparison.Ordinal));

    /// <summary>The block_actions payload Slack sends when <paramref name="button"/> on the Home tab is pressed (TestData/Slack).</summary>
    private async Task PressOnHomeAsync(JToken button, string user, string actionTs)
    {
        var press = JObject.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Slack", "block-actions-home.json"))
            .Replace("USER_ID", user, StringComparison.Ordinal)
            .Replace("ACTION_TS", actionTs, StringComparison.Ordinal));
        press["actions"]![0]!["action_id"] = button["action_id"];
        press["actions"]![0]!["text"] = button["text"];
        press["actions"]![0]!["value"] = button["value"];

        var ack = await PostSignedAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToString()), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
    }

    [Fact]
    public async Task ChineseReply_KeepsItsBoldNextToChineseCharacters()
    {
        await PostEventAsync(Event("Ev-zh-help", new JObject { ["type"] = "message", ["channel_type"] = "im", ["user"] = "U3", ["text"] = "帮助", ["ts"] = "1355517525.000007", ["channel"] = "D0ZHHELP" }));

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "D0ZHHELP");
        var texts = string.Join("\n", ((JArray)posted["blocks"]!).Descendants().OfType<JValue>().Select(v => v.Value as string).OfType<string>());
        Assert.Contains("\u200B*帮助*\u200B", texts, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?<!\u200B)\\*(?!\u200B)", texts); // every marker fenced on its outer side
    }

    [Fact]
    public async Task DirectMessage_IsAnsweredInItsAgentThread_WithAStatusWhileWorking_AndATitle()
    {
        await PostEventAsync(Event("Ev-dm", new JObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["user"] = "U2147483697",
            ["text"] = "连接跟踪表满了怎么办？",
            ["ts"] = "1355517523.000005",
            ["channel"] = "D024BE91L",
        }));

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "D024BE91L");
        Assert.Equal("1355517523.000005", (string?)posted["thread_ts"]); // a top-level message starts a thread
        Assert.Contains("knowledge/zh/", posted["blocks"]!.ToString(), StringComparison.Ordinal);

        var status = await host.Slack.WaitForAsync("/api/assistant.threads.setStatus", b => (string?)b["channel_id"] == "D024BE91L");
        Assert.Equal("1355517523.000005", (string?)status["thread_ts"]);
        Assert.Equal("正在查找…", (string?)status["status"]); // in the asker's language
        Assert.InRange(((JArray)status["loading_messages"]!).Count, 1, 10);
        var title = await host.Slack.WaitForAsync("/api/assistant.threads.setTitle", b => (string?)b["channel_id"] == "D024BE91L");
        Assert.Equal(("1355517523.000005", "连接跟踪表满了怎么办？"), ((string?)title["thread_ts"], (string?)title["title"]));
        var calls = host.Slack.Calls.Select(c => c.Path).ToList();
        Assert.True(calls.IndexOf("/api/assistant.threads.setStatus") < calls.IndexOf("/api/chat.postMessage"), "the status shows before the answer");
    }

    [Fact]
    public async Task AReplyInAnAgentThread_IsAnsweredInThatThread_WithoutANewTitle()
    {
        await PostEventAsync(Event("Ev-dm-reply", new JObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["user"] = "U2147483697",
            ["text"] = "And for Cilium?",
            ["ts"] = "1355517600.000010",
            ["thread_ts"] = "1355517523.000005",
            ["channel"] = "D0AGENT2",
        }));

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "D0AGENT2");
        Assert.Equal("1355517523.000005", (string?)posted["thread_ts"]);
        Assert.Single(host.Slack.CallsTo("/api/assistant.threads.setStatus"), c => (string?)c.Body["channel_id"] == "D0AGENT2");
        Assert.DoesNotContain(host.Slack.CallsTo("/api/assistant.threads.setTitle"), c => (string?)c.Body["channel_id"] == "D0AGENT2");
    }

    [Fact]
    public async Task OpeningTheMessagesTab_SetsTheSuggestedPrompts_WithoutAThread()
    {
        await PostEventAsync(JObject.Parse(HomeOpened("Ev-messages-1", "UAGENT").ToString().Replace("\"tab\": \"home\"", "\"tab\": \"messages\"", StringComparison.Ordinal)));

        var prompts = await host.Slack.WaitForAsync("/api/assistant.threads.setSuggestedPrompts");
        Assert.Equal("D0HOMECHAN", (string?)prompts["channel_id"]);
        Assert.Null(prompts["thread_ts"]); // an agent app must not send it: the call would silently fail
        var list = (JArray)prompts["prompts"]!;
        Assert.InRange(list.Count, 1, 4);
        Assert.Contains(list, p => (string?)p["message"] == "Cilium 需要在节点之间开放哪些端口？");
        Assert.All(list, p => Assert.False(string.IsNullOrEmpty((string?)p["title"])));
        Assert.Empty(host.Slack.CallsTo("/api/views.publish"));
    }

    [Fact]
    public async Task RetriedEvent_IsAnsweredOnce()
    {
        var mention = Event("Ev-retried", new JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> What is a PMTUD black hole?", ["ts"] = "1600000000.000100", ["channel"] = "CRETRY" });

        await PostEventAsync(mention);
        await PostEventAsync(mention, retryNumber: 1);
        await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CRETRY");
        await Task.Delay(500);

        Assert.Single(host.Slack.CallsTo("/api/chat.postMessage"), c => (string?)c.Body["channel"] == "CRETRY");
    }

    [Theory]
    [InlineData("own-user", null, null)]
    [InlineData("bot-message", "bot_message", "B1")]
    [InlineData("edited", "message_changed", null)]
    public async Task OwnMessagesEditsAndOtherSubtypes_AreIgnored(string id, string? subtype, string? botId)
    {
        var message = new JObject { ["type"] = "message", ["channel_type"] = "im", ["user"] = id == "own-user" ? FakeSlackApi.BotUserId : "U9", ["text"] = "What MTU should Calico VXLAN use?", ["ts"] = "1600000000.000200", ["channel"] = "DIGNORE-" + id };
        if (subtype is not null)
        {
            message["subtype"] = subtype;
        }

        if (botId is not null)
        {
            message["bot_id"] = botId;
        }

        if (id == "own-user")
        {
            // The bot learns its own user id from auth.test in the background at start (until then the bot_id and
            // subtype checks keep its posts out): this case is about after that.
            var api = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SlackApiClient>(host.Factory.Services);
            for (var i = 0; i < 100 && api.KnownBotUserId is null; i++)
            {
                await Task.Delay(50);
            }

            Assert.Equal(FakeSlackApi.BotUserId, api.KnownBotUserId);
        }

        Assert.Equal(HttpStatusCode.OK, (await PostEventAsync(Event("Ev-" + id, message))).StatusCode);
        await Task.Delay(700);

        Assert.DoesNotContain(host.Slack.Calls, c => ((string?)c.Body["channel"])?.StartsWith("DIGNORE", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task MassMentionInAQuestion_IsNeverEchoed()
    {
        await PostEventAsync(Event("Ev-inject", new JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> <!channel> @here what is our parental leave policy?", ["ts"] = "1600000000.000300", ["channel"] = "CINJECT" }));

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CINJECT");
        var json = posted.ToString();
        Assert.DoesNotContain("<!channel>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", json, StringComparison.Ordinal);
        Assert.Contains("‹!channel›", json, StringComparison.Ordinal); // quoted as text (UserText.Quote), not as a mention
    }

    [Fact]
    public async Task SlashCommandDiagnose_ThenAButtonPress_AdvancesTheDialog()
    {
        var responseUrl = host.Slack.ResponseUrl("command-1");
        var form = $"token=x&team_id=T1&channel_id=C1&user_id=U1&command=%2Fcni&text=diagnose&response_url={Uri.EscapeDataString(responseUrl.AbsoluteUri)}&trigger_id=1.2.3";
        var ack = await PostSignedAsync("/api/slack/commands", form, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        var menu = await host.Slack.WaitForAsync("/response/command-1");
        Assert.Equal("ephemeral", (string?)menu["response_type"]);
        WithinSlackLimits(menu);
        var button = menu["blocks"]!.Where(b => (string?)b["type"] == "actions").SelectMany(b => b["elements"]!).First(e => (string?)e["text"]!["text"] == "Choose an MTU");

        var press = Press(button, "C1", host.Slack.ResponseUrl("action-1"), "1.1");
        var pressAck = await PostSignedAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToString()), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, pressAck.StatusCode);

        var chosen = await host.Slack.WaitForAsync("/response/action-1", b => b["replace_original"]?.Value<bool>() == true);
        Assert.Contains("✔ Choose an MTU", chosen.ToString(), StringComparison.Ordinal);
        var next = await host.Slack.WaitForAsync("/response/action-1", b => b["replace_original"]?.Value<bool>() == false);
        Assert.Contains("Which CNI plugin do the clusters run?", next["blocks"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectMessageShortcut_ReadsTheMessagesOutput_AndAnswersTheAskerPrivately()
    {
        // A message_action payload as Slack sends it for a message shortcut on someone's pasted output.
        var shortcut = new JObject
        {
            ["type"] = "message_action",
            ["callback_id"] = SlackManifestTests.InspectCallbackId,
            ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
            ["team"] = new JObject { ["id"] = "T1" },
            ["channel"] = new JObject { ["id"] = "COPS" },
            ["user"] = new JObject { ["id"] = "U2" },
            ["response_url"] = host.Slack.ResponseUrl("shortcut-1").AbsoluteUri,
            ["message"] = new JObject
            {
                ["type"] = "message",
                ["user"] = "U1",
                ["ts"] = "1600000000.000900",
                ["text"] = "Calico process is running.\n\nIPv4 BGP status\n| PEER ADDRESS | PEER TYPE | STATE | SINCE | INFO |\n| 10.0.0.12 | node-to-node mesh | start | 01:50:43 | Passive |",
            },
        };

        var ack = await PostSignedAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(shortcut.ToString()), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        var reply = await host.Slack.WaitForAsync("/response/shortcut-1");
        Assert.Equal("ephemeral", (string?)reply["response_type"]);
        var blocks = reply["blocks"]!.ToString();
        Assert.Contains("calicoctl-node-status", blocks, StringComparison.Ordinal);
        Assert.Contains("10.0.0.12", blocks, StringComparison.Ordinal);
        Assert.Contains("Passive", blocks, StringComparison.Ordinal);
        WithinSlackLimits(reply);
    }

    [Fact]
    public async Task SlashCommandQuestion_IsEphemeral_AndShareInChannelPostsIt()
    {
        var form = $"team_id=T1&channel_id=CSHARE&user_id=U1&command=%2Fcni&text={Uri.EscapeDataString("Does flannel support NetworkPolicy?")}&response_url={Uri.EscapeDataString(host.Slack.ResponseUrl("command-share").AbsoluteUri)}&trigger_id=4.5.6";
        await PostSignedAsync("/api/slack/commands", form, "application/x-www-form-urlencoded");
        var answer = await host.Slack.WaitForAsync("/response/command-share");
        Assert.Equal("ephemeral", (string?)answer["response_type"]);
        var share = answer["blocks"]!.Where(b => (string?)b["type"] == "actions").SelectMany(b => b["elements"]!).First(e => (string?)e["text"]!["text"] == "Share in channel");

        var press = Press(share, "CSHARE", host.Slack.ResponseUrl("action-share"), "2.2");
        await PostSignedAsync("/api/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToString()), "application/x-www-form-urlencoded");

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CSHARE");
        Assert.Contains("flannel.md#does-flannel-support-kubernetes-networkpolicy", posted["blocks"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashCommandCompare_GetsATableOfFields_WithSourceLinks()
    {
        var form = $"team_id=T1&channel_id=C1&user_id=U1&command=%2Fcni&text={Uri.EscapeDataString("compare calico cilium")}&response_url={Uri.EscapeDataString(host.Slack.ResponseUrl("command-compare").AbsoluteUri)}&trigger_id=7.8.9";
        await PostSignedAsync("/api/slack/commands", form, "application/x-www-form-urlencoded");

        var comparison = await host.Slack.WaitForAsync("/response/command-compare");

        WithinSlackLimits(comparison);
        var rows = comparison["blocks"]!.Where(b => b["fields"] is not null).ToArray();
        var fqdn = rows.Single(r => (string?)r["text"]!["text"] == "\u200B*DNS/FQDN egress policy*\u200B");
        Assert.StartsWith("\u200B*Calico (open source)*\u200B\nNot in open source", (string?)fqdn["fields"]![0]!["text"], StringComparison.Ordinal);
        Assert.StartsWith("\u200B*Cilium*\u200B\nYes", (string?)fqdn["fields"]![1]!["text"], StringComparison.Ordinal);
        Assert.Contains("cilium.md#how-do-i-allow-egress-to-a-domain-name-with-cilium-tofqdns", comparison["blocks"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedPost_IsRetriedAfterRetryAfter()
    {
        host.Slack.RateLimited["CRATE"] = 1;

        await PostEventAsync(Event("Ev-rate", new JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> Which port does Hubble Relay listen on?", ["ts"] = "1600000000.000400", ["channel"] = "CRATE" }));

        await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "CRATE");
        for (var i = 0; i < 60 && host.Slack.CallsTo("/api/chat.postMessage").Count(c => (string?)c.Body["channel"] == "CRATE") < 2; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, host.Slack.CallsTo("/api/chat.postMessage").Count(c => (string?)c.Body["channel"] == "CRATE"));
    }

    [Fact]
    public async Task ABurstInOneChannel_IsPostedInFull_ASecondApart_WithoutHoldingUpAnotherChannel()
    {
        const int Burst = 4;
        for (var i = 0; i < Burst; i++)
        {
            await PostEventAsync(Event($"Ev-burst-{i}", new JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> Which port does Hubble Relay listen on?", ["ts"] = $"1600000100.00010{i}", ["channel"] = "CBURST" }));
        }

        await PostEventAsync(Event("Ev-quiet", new JObject { ["type"] = "app_mention", ["user"] = "U2", ["text"] = "<@UBOT> Which port does Hubble Relay listen on?", ["ts"] = "1600000200.000100", ["channel"] = "CQUIET" }));

        for (var i = 0; i < 100 && host.Slack.Posts.Count(p => p.Channel == "CBURST") < Burst; i++)
        {
            await Task.Delay(100);
        }

        var burst = host.Slack.Posts.Where(p => p.Channel == "CBURST").Select(p => p.At).ToArray();
        Assert.Equal(Burst, burst.Length);
        Assert.All(burst.Zip(burst.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(900), $"posts {(pair.Second - pair.First).TotalMilliseconds:0} ms apart"));
        var quiet = Assert.Single(host.Slack.Posts, p => p.Channel == "CQUIET").At;
        Assert.True(quiet < burst[^1], "the other channel waited for the whole burst");
    }

    [Fact]
    public async Task APostRefusedLongerThanTheClientRetries_IsSentWhenSlackAllowsIt()
    {
        host.Slack.RateLimited["CSTUBBORN"] = 5; // the HTTP client's policy tries 4 times; the outbox waits and goes again

        await PostEventAsync(Event("Ev-stubborn", new JObject { ["type"] = "app_mention", ["user"] = "U1", ["text"] = "<@UBOT> Which port does Hubble Relay listen on?", ["ts"] = "1600000300.000100", ["channel"] = "CSTUBBORN" }));

        for (var i = 0; i < 150 && !host.Slack.Posts.Any(p => p.Channel == "CSTUBBORN"); i++)
        {
            await Task.Delay(100);
        }

        Assert.Single(host.Slack.Posts, p => p.Channel == "CSTUBBORN");
        Assert.Equal(6, host.Slack.CallsTo("/api/chat.postMessage").Count(c => (string?)c.Body["channel"] == "CSTUBBORN"));
    }

    [Fact]
    public async Task WebApiClient_UpdatesAMessage_WithTheBotToken()
    {
        var api = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SlackApiClient>(host.Factory.Services);
        var message = new SlackMessage("updated", new JArray(new JObject { ["type"] = "section", ["text"] = new JObject { ["type"] = "mrkdwn", ["text"] = "updated" } }));

        await api.UpdateAsync("CUPDATE", "1700000000.000500", message, CancellationToken.None);

        var (_, body, authorization) = host.Slack.CallsTo("/api/chat.update").Single(c => (string?)c.Body["channel"] == "CUPDATE");
        Assert.Equal("1700000000.000500", (string?)body["ts"]);
        Assert.Equal("updated", (string?)body["text"]);
        Assert.Equal("Bearer xoxb-test-token", authorization);
    }

    [Fact]
    public async Task SslCheck_IsAcknowledged()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync("/api/slack/commands", "ssl_check=1&token=x", "application/x-www-form-urlencoded")).StatusCode);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static void WithinSlackLimits(JObject message)
    {
        var blocks = (JArray)message["blocks"]!;
        Assert.True(blocks.Count <= 50);
        Assert.All(blocks.Where(b => (string?)b["type"] == "section"), b => Assert.True(((string)b["text"]!["text"]!).Length <= 3000));
    }

    /// <summary>The block_actions payload Slack sends when a user presses <paramref name="button"/> on an ephemeral message.</summary>
    private static JObject Press(JToken button, string channel, Uri responseUrl, string actionTs) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JObject { ["id"] = "U1" },
        ["team"] = new JObject { ["id"] = "T1" },
        ["channel"] = new JObject { ["id"] = channel },
        ["container"] = new JObject { ["type"] = "message", ["channel_id"] = channel, ["is_ephemeral"] = true },
        ["response_url"] = responseUrl.AbsoluteUri,
        ["actions"] = new JArray(new JObject { ["action_id"] = button["action_id"], ["value"] = button["value"], ["type"] = "button", ["text"] = button["text"], ["action_ts"] = actionTs }),
    };

    private static JObject Event(string id, JObject e) => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = "T123ABC456",
        ["api_app_id"] = "A123ABC456",
        ["event"] = e,
        ["event_id"] = id,
        ["event_time"] = 1700000000,
    };

    private Task<HttpResponseMessage> PostEventAsync(JObject envelope, int? retryNumber = null) =>
        PostSignedAsync("/api/slack/events", envelope.ToString(), "application/json", retryNumber);

    private async Task<HttpResponseMessage> PostSignedAsync(string path, string body, string contentType, int? retryNumber = null)
    {
        using var request = SlackRequests.Signed(path, body, contentType, Secret);
        if (retryNumber is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNumber.Value.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await host.Client.SendAsync(request);
    }
}

public sealed class SlackDisabledTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/slack/events")]
    [InlineData("/api/slack/commands")]
    [InlineData("/api/slack/interactions")]
    public async Task WithoutASigningSecret_TheSlackEndpointsAre404(string path)
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync(new Uri(path, UriKind.Relative), content)).StatusCode);
    }
}

/// <summary>An app installed without the manifests' agent_view (Slack:AgentView false): DMs are plain messages.</summary>
public sealed class SlackWithoutAgentViewTests : IAsyncLifetime
{
    private const string Secret = "slack-test-signing-secret";
    private SlackHost host = null!;

    public async Task InitializeAsync() => host = await SlackHost.StartAsync(("Slack:SigningSecret", Secret), ("Slack:AgentView", "false"));

    [Fact]
    public async Task ADirectMessage_IsAnsweredAsAPlainMessage_WithNoStatusTitleOrPrompts()
    {
        var dm = new JObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T1",
            ["event_id"] = "Ev-plain-dm",
            ["event"] = new JObject { ["type"] = "message", ["channel_type"] = "im", ["user"] = "U3", ["text"] = "Which ports must be open between nodes for Cilium?", ["ts"] = "1355517700.000001", ["channel"] = "D0PLAIN" },
        };
        var messagesTab = new JObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T1",
            ["event_id"] = "Ev-plain-tab",
            ["event"] = new JObject { ["type"] = "app_home_opened", ["user"] = "U3", ["channel"] = "D0PLAIN", ["tab"] = "messages" },
        };

        using (var request = SlackRequests.Signed("/api/slack/events", messagesTab.ToString(), "application/json", Secret))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
        }

        using (var request = SlackRequests.Signed("/api/slack/events", dm.ToString(), "application/json", Secret))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
        }

        var posted = await host.Slack.WaitForAsync("/api/chat.postMessage", b => (string?)b["channel"] == "D0PLAIN");
        Assert.Null(posted["thread_ts"]);
        Assert.DoesNotContain(host.Slack.Calls, c => c.Path.StartsWith("/api/assistant.threads.", StringComparison.Ordinal));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();
}
