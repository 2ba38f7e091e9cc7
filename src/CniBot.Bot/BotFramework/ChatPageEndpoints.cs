using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using CniBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.BotFramework;

/// <summary>
/// <c>POST /api/chat</c>: the local chat page's way in. It builds the activity Teams would send (channel
/// <c>msteams</c>, expectReplies, one conversation per browser tab) and runs it through the same bot and adapter,
/// so the page receives exactly what Teams receives (answers with their citations and feedback buttons, Adaptive
/// Cards) and can show it the way Teams does; a rating from those feedback buttons comes back as Teams' own
/// <c>message/submitAction</c> invoke. There is no token: the host maps this endpoint only when it may
/// (<c>ChatPage:Enabled</c>, or authentication off).
/// </summary>
public static partial class ChatPageEndpoints
{
    public const string ChatPath = "/api/chat";

    /// <summary>The service URL of the chat page's activities: nothing is ever sent there (replies are expected replies).</summary>
    public const string LocalServiceUrl = "http://localhost/chat-page";
    public const int MaxTextLength = 4000;

    public static IEndpointConventionBuilder MapChatEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(ChatPath, HandleAsync).DisableAntiforgery();

    private static async Task HandleAsync(HttpContext http, CniBotAdapter adapter, IBot bot, IConfiguration configuration, IOptions<RequestLimitOptions> limits)
    {
        var (activity, problem) = await ReadAsync(http.Request, limits.Value.MaxChatBodyBytes, http.RequestAborted);
        var response = problem is not null
            ? BotResponse.Fail(StatusCodes.Status400BadRequest, problem)
            : await adapter.HandleLocalAsync(activity!, bot, configuration["MicrosoftAppId"], http.RequestAborted);
        await BotFrameworkEndpoints.WriteAsync(http.Response, response);
    }

    /// <summary>The invokes the page may send: Teams' feedback buttons.</summary>
    private static readonly HashSet<string> Invokes = new(StringComparer.Ordinal) { "message/submitAction" };

    /// <summary>
    /// <c>{"conversation": "tab id", "text": "...", "value": {button data}, "locale": "zh-CN"}</c>, or
    /// <c>{"conversation": "tab id", "invoke": {"name": "message/submitAction", "replyToId": "...", "value": {...}}}</c>,
    /// as an activity.
    /// </summary>
    internal static async Task<(Activity? Activity, string? Problem)> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "send application/json");
        }

        var bytes = await RequestBody.ReadAsync(request, maxBodyBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, RequestBody.TooLarge(maxBodyBytes));
        }

        JObject body;
        try
        {
            body = JObject.Parse(System.Text.Encoding.UTF8.GetString(bytes), new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });
        }
        catch (JsonReaderException e)
        {
            return (null, $"malformed JSON: {e.Message}");
        }

        if (body["conversation"] is not JValue { Type: JTokenType.String } conversationToken || !ConversationId().IsMatch((string)conversationToken!))
        {
            return (null, "'conversation' must be 8 to 64 letters, digits or dashes (one per browser tab)");
        }

        var conversation = (string)conversationToken!;
        if (body["invoke"] is { } invokeToken)
        {
            if (invokeToken is not JObject invoke || (string?)invoke["name"] is not { } name || !Invokes.Contains(name)
                || (string?)invoke["replyToId"] is not { } replyToId || !ConversationId().IsMatch(replyToId) || invoke["value"] is not JObject invokeValue)
            {
                return (null, $"'invoke' needs a 'name' ({string.Join(", ", Invokes)}), the 'replyToId' of a reply on this page and a 'value' object");
            }

            var activity = Activity(request, conversation, ActivityTypes.Invoke, null);
            activity.Name = name;
            activity.ReplyToId = replyToId;
            activity.Value = invokeValue;
            activity.DeliveryMode = null;
            return (activity, null);
        }

        var text = body["text"] is JValue { Type: JTokenType.String } t ? (string?)t : null;
        var value = body["value"] as JObject;
        if (text is null && value is null)
        {
            return (null, "send 'text' or a button's 'value'");
        }

        if (text is { Length: > MaxTextLength })
        {
            return (null, $"'text' is longer than {MaxTextLength} characters");
        }

        var message = Activity(request, conversation, ActivityTypes.Message, text);
        message.Value = value;
        message.Locale = body["locale"] is JValue { Type: JTokenType.String } locale && ((string)locale!).Length <= 20 ? (string?)locale : null;
        return (message, null);
    }

    private static Activity Activity(HttpRequest request, string conversation, string type, string? text) =>
        new()
        {
            Type = type,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = "msteams",
            ServiceUrl = LocalServiceUrl,
            DeliveryMode = DeliveryModes.ExpectReplies,
            Timestamp = DateTimeOffset.UtcNow,
            // The caller picks the conversation (a browser tab) freely, so the user, on whom turn limits are counted,
            // is the address it connects from (hashed: no address is kept in state or logs).
            From = new ChannelAccount { Id = "chat-page-user-" + Caller(request.HttpContext), Name = "You" },
            Recipient = new ChannelAccount { Id = "cnibot", Name = "CniBot" },
            Conversation = new ConversationAccount { Id = "chat-page-" + conversation, ConversationType = "personal" },
            Text = text,
        };

    private static string Caller(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(address)))[..16];
    }

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex ConversationId();
}
