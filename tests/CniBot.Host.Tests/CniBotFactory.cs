using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>The real host, in memory, with its settings replaced by the test's.</summary>
public sealed class CniBotFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null, string environment = "Testing") : WebApplicationFactory<Program>
{
    public static string RepositoryKnowledge => Repository.Knowledge;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Tests send many turns as one user in one conversation: turn limits stay out of the way unless a test sets them.
        var effective = new Dictionary<string, string?>(settings);
        effective.TryAdd("RateLimits:UserTurnsPerWindow", "0");
        effective.TryAdd("RateLimits:ConversationTurnsPerWindow", "0");
        // Most tests talk to the bot without Bot Framework tokens, which outside Development must be allowed on purpose.
        effective.TryAdd("BotFramework:AllowAnonymous", "true");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(effective));
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>
    /// Waits until <c>/readyz</c> says the knowledge index is loaded: up to 30 s, since the test assemblies build their
    /// indexes in parallel on a 2-core machine.
    /// </summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        for (var i = 0; i < 600; i++)
        {
            if ((await client.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode)
            {
                return client;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the host never became ready");
    }
}

internal static class BotRequests
{
    public static JObject Message(string text, string serviceUrl = "https://smba.trafficmanager.net/amer/", bool expectReplies = true, string channelId = "webchat")
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = "activity-1",
            ["channelId"] = channelId,
            ["serviceUrl"] = serviceUrl,
            ["text"] = text,
            ["from"] = new JObject { ["id"] = "29:user", ["name"] = "User One" },
            ["recipient"] = new JObject { ["id"] = "28:cnibot", ["name"] = "CniBot" },
            ["conversation"] = new JObject { ["id"] = "a:personal-chat", ["conversationType"] = "personal" },
        };
        if (expectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        return activity;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, JToken activity, string? token = null) =>
        await PostRawAsync(client, activity.ToString(), "application/json", token);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string contentType, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The replies of an expectReplies round trip.</summary>
    public static async Task<JArray> RepliesAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (JArray)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]!;
    }

    public static JObject Card(JToken reply) => (JObject)reply["attachments"]![0]!["content"]!;

    /// <summary>The reply's title (an answer card shows it after the passage that answers).</summary>
    public static string Title(JObject card) => Text(card["body"]!.First(b => (string?)b["id"] == "title"))!;

    /// <summary>What a card element shows: a TextBlock's text, a RichTextBlock's runs joined; null for others.</summary>
    public static string? Text(JToken element) => (string?)element["type"] switch
    {
        "TextBlock" => (string?)element["text"],
        "RichTextBlock" => string.Concat(element["inlines"]!.Select(i => (string?)i["text"])),
        "Container" => string.Join('\n', element["items"]!.Select(Text).OfType<string>()),
        _ => null,
    };
}

/// <summary>A conversation driven through cards the way Teams does it: messages in one conversation, and button presses.</summary>
internal static class CardConversation
{
    public static string Title(JObject card) => BotRequests.Title(card);

    public static JObject Message(string text, string conversation)
    {
        var activity = BotRequests.Message(text);
        activity["conversation"]!["id"] = conversation;
        return activity;
    }

    /// <summary>What Teams sends when an Action.Submit is pressed: a message whose value is the button's data.</summary>
    public static JObject Press(JToken data, string conversation)
    {
        var activity = Message(string.Empty, conversation);
        activity.Remove("text");
        activity["value"] = data;
        return activity;
    }

    public static JToken Button(JObject card, string title)
    {
        var buttons = card["body"]!.Where(b => (string?)b["type"] == "ActionSet").SelectMany(b => b["actions"]!)
            .Concat(card["actions"] ?? new JArray());
        return buttons.First(b => (string?)b["title"] == title)["data"]!;
    }
}
