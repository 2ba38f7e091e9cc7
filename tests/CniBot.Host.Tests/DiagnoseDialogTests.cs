using CniBot.Bot.BotFramework;
using CniBot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using static CniBot.Tests.CardConversation;

namespace CniBot.Tests;

/// <summary>The diagnose dialog through /api/messages, pressing the cards' own buttons the way Teams does.</summary>
public sealed class DiagnoseDialogTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Flow_WalkedByPressingButtons_EndsInTheComputedMtu()
    {
        var conversation = $"diagnose-{Guid.NewGuid():N}";
        var card = await SendAsync(Message("diagnose", conversation));
        Assert.Equal("Diagnose", Title(card));

        foreach (var label in new[] { "Choose an MTU", "Calico", "VXLAN", "IPv4", "AWS, inter-region VPC peering (8500)" })
        {
            card = await SendAsync(Press(Button(card, label), conversation));
        }

        Assert.Equal("Set the pod MTU to 8450", Title(card));
        var texts = string.Join('\n', card["body"]!.Select(b => BotRequests.Text(b)));
        Assert.Contains("8500 − 50 = 8450", texts, StringComparison.Ordinal);
        Assert.Contains("ping -M do -c 3 -s 8422", texts, StringComparison.Ordinal);
        Assert.Contains(card.Descendants().OfType<JObject>(), r => (string?)r["type"] == "TextRun" && (string?)r["fontType"] == "Monospace" && ((string?)r["text"])!.Contains("ping -M do", StringComparison.Ordinal));
        Assert.Contains("⚠️ disruptive", texts, StringComparison.Ordinal);
        Assert.Contains("knowledge/en/mtu.md#how-do-i-verify-the-path-mtu-with-ping-tracepath-and-ip-link", texts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DialogState_IsStoredBeforeTheReplyWithItsButtonsGoesOut()
    {
        // Slack runs a turn after acknowledging it, and a scaled-out bot may get the button press on another replica:
        // the state a reply's buttons act on must be in the store when the reply is sent, not after the turn.
        var services = host.Factory.Services;
        var dialogs = services.GetRequiredService<IDialogStore>();
        var adapter = new CniBotAdapter(
            services.GetRequiredService<Microsoft.Bot.Connector.Authentication.BotFrameworkAuthentication>(),
            services.GetRequiredService<TurnHandler>(),
            NullLogger<CniBotAdapter>.Instance);
        var storedAtSend = new List<bool>();
        adapter.Use(new SendObserver(async (context, _) =>
            storedAtSend.Add(await dialogs.LoadAsync(context.Activity.ChannelId, context.Activity.Conversation.Id, CancellationToken.None) is not null)));
        var conversation = $"diagnose-order-{Guid.NewGuid():N}";

        var response = await adapter.HandleAsync(null, Message("diagnose", conversation).ToObject<Activity>()!, services.GetRequiredService<IBot>(), CancellationToken.None);

        Assert.Equal(200, response.Status);
        Assert.Equal([true], storedAtSend);
    }

    /// <summary>Calls <paramref name="onSend"/> as each turn's replies are sent.</summary>
    private sealed class SendObserver(Func<ITurnContext, IReadOnlyList<Activity>, Task> onSend) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            turnContext.OnSendActivities(async (context, activities, send) =>
            {
                await onSend(context, activities);
                return await send();
            });
            return next(cancellationToken);
        }
    }

    [Fact]
    public async Task DiagnoseButtonOnAnAnswer_StartsTheDialog_AndAQuestionMidDialogKeepsIt()
    {
        var conversation = $"diagnose-{Guid.NewGuid():N}";
        var answer = await SendAsync(Message("Which ports must be open for Cilium?", conversation));
        var menu = await SendAsync(Press(Button(answer, "🩺 Diagnose"), conversation));
        var plugin = await SendAsync(Press(Button(menu, "Choose an MTU"), conversation));
        Assert.Contains(plugin["body"]!, b => BotRequests.Text(b) == "Which CNI plugin do the clusters run?");

        var replies = await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, Message("Why do DNS lookups in pods take 5 seconds?", conversation)));

        Assert.Equal(2, replies.Count);
        Assert.Contains("DNS", Title(BotRequests.Card(replies[0]!)), StringComparison.Ordinal);
        var again = BotRequests.Card(replies[1]!);
        Assert.Contains(again["body"]!, b => BotRequests.Text(b) == "Back to the check:");
        var next = await SendAsync(Press(Button(again, "Cilium"), conversation));
        Assert.Contains(next["body"]!, b => BotRequests.Text(b) == "How does pod traffic travel between nodes?");
    }

    [Fact]
    public async Task InvalidNumber_IsRefusedWithTheReason_InChinese()
    {
        var conversation = $"diagnose-{Guid.NewGuid():N}";
        await SendAsync(Message("诊断", conversation));
        foreach (var answer in new[] { "选择 MTU", "Calico", "VXLAN", "IPv4", "其他 MTU" })
        {
            await SendAsync(Message(answer, conversation));
        }

        var card = await SendAsync(Message("99999", conversation));

        Assert.Contains(card["body"]!, b => (BotRequests.Text(b))?.StartsWith("99999 超出范围", StringComparison.Ordinal) == true);
        Assert.Equal("1450", (string?)Title(await SendAsync(Message("1500", conversation)))[^4..]);
    }

    private async Task<JObject> SendAsync(JObject activity) =>
        BotRequests.Card((await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, activity))).Last());

}

/// <summary>A dialog lives in the conversation state: with storage that outlives the host, a restarted host continues it.</summary>
public sealed class DialogResumeTests
{
    [Fact]
    public async Task Dialog_ContinuesOnANewHost_WhenTheStorageSurvives()
    {
        using var data = new TempFolder();
        var storage = new Microsoft.Bot.Builder.MemoryStorage(); // stands in for Redis: one store, two hosts
        var settings = new Dictionary<string, string?> { ["Knowledge:Path"] = Repository.Knowledge, ["Data:Path"] = data.Root, ["MicrosoftAppId"] = string.Empty };
        void SharedStorage(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Microsoft.Bot.Builder.IStorage>(services, storage);
        const string conversation = "resume-after-restart";

        await using (var first = new CniBotFactory(settings, SharedStorage))
        {
            var client = await first.ReadyClientAsync();
            foreach (var text in new[] { "diagnose", "Choose an MTU", "Calico", "VXLAN" })
            {
                await BotRequests.PostAsync(client, WithConversation(BotRequests.Message(text), conversation));
            }
        }

        await using var second = new CniBotFactory(settings, SharedStorage);
        var restarted = await second.ReadyClientAsync();
        await BotRequests.PostAsync(restarted, WithConversation(BotRequests.Message("IPv4"), conversation));
        var replies = await BotRequests.RepliesAsync(await BotRequests.PostAsync(restarted, WithConversation(BotRequests.Message("GCP VPC default (1460)"), conversation)));

        Assert.Equal("Set the pod MTU to 1410", BotRequests.Title(BotRequests.Card(replies.Last())));
    }

    private static JObject WithConversation(JObject activity, string conversation)
    {
        activity["conversation"]!["id"] = conversation;
        return activity;
    }
}
