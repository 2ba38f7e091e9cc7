using System.Text;
using CniBot.Conversation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using CniBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>
/// <c>POST /api/slack/events</c>, <c>/api/slack/commands</c>, <c>/api/slack/interactions</c>. Each request's signature
/// is checked over the raw body before anything else (401 if it fails); work is queued and acknowledged at once.
/// Without <c>Slack:SigningSecret</c> the endpoints do not exist (404).
/// </summary>
public static partial class SlackEndpoints
{
    /// <summary>How long an event id is remembered: Slack retries for minutes (up to three times, the last ~5 min later).</summary>
    private static readonly TimeSpan DeduplicationWindow = TimeSpan.FromHours(1);

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        endpoints.MapPost("/api/slack/events", (Delegate)((HttpContext http) => HandleAsync(http, EventAsync))).DisableAntiforgery();
        endpoints.MapPost("/api/slack/commands", (Delegate)((HttpContext http) => HandleAsync(http, CommandAsync))).DisableAntiforgery();
        endpoints.MapPost("/api/slack/interactions", (Delegate)((HttpContext http) => HandleAsync(http, InteractionAsync))).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, Func<HttpContext, byte[], Task<IResult>> handle)
    {
        var maxBytes = http.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxBodyBytes;
        var body = await RequestBody.ReadAsync(http.Request, maxBytes, http.RequestAborted);
        if (body is null)
        {
            return Results.Json(new { error = RequestBody.TooLarge(maxBytes) }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var verifier = http.RequestServices.GetRequiredService<SlackSignatureVerifier>();
        if (verifier.Verify(http.Request.Headers["X-Slack-Request-Timestamp"], http.Request.Headers["X-Slack-Signature"], body) is { } problem)
        {
            return Results.Json(new { error = problem }, statusCode: StatusCodes.Status401Unauthorized);
        }

        try
        {
            return await handle(http, body);
        }
        catch (Exception e) when (e is JsonException or InvalidCastException or FormatException or ArgumentException)
        {
            return Results.Json(new { error = $"not a Slack request: {e.Message}" }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> EventAsync(HttpContext http, byte[] body)
    {
        var envelope = JObject.Parse(Encoding.UTF8.GetString(body));
        switch ((string?)envelope["type"])
        {
            case "url_verification":
                return Results.Json(new { challenge = (string?)envelope["challenge"] });
            case "event_callback" when envelope["event"] is JObject e:
                if (ToInbound(envelope, e, http.RequestServices.GetRequiredService<SlackApiClient>()) is not { } inbound)
                {
                    return Results.Ok(); // Not for CniBot: its own messages, edits, other subtypes and events.
                }

                // At most once across every replica: the first to claim the event id takes it; Slack's retries and
                // the same event delivered to another replica are acknowledged and dropped.
                return await EnqueueOnceAsync(http, "slack-event:", (string?)envelope["event_id"], inbound);
            default:
                return Results.Ok();
        }
    }

    /// <summary>
    /// Hands the inbound to the dispatcher once per <paramref name="id"/> across every replica (Slack's retries, a
    /// replayed signed request within the signature's five minutes): later copies are acknowledged and dropped.
    /// </summary>
    private static async Task<IResult> EnqueueOnceAsync(HttpContext http, string kind, string? id, SlackInbound inbound)
    {
        var claims = http.RequestServices.GetRequiredService<ISharedCounters>();
        var claim = kind + id;
        if (!string.IsNullOrEmpty(id) && !await claims.TryClaimAsync(claim, DeduplicationWindow))
        {
            return Results.Ok();
        }

        if (!http.RequestServices.GetRequiredService<SlackDispatcher>().TryEnqueue(inbound))
        {
            if (!string.IsNullOrEmpty(id))
            {
                await claims.ReleaseAsync(claim); // Not taken after all: a retry must get it.
            }

            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }

    /// <summary>Null when replies may be POSTed to the response_url; otherwise the 400 that says why.</summary>
    private static IResult? RefusedResponseUrl(HttpContext http, Uri? responseUrl) =>
        responseUrl is null || http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value.AllowsResponseUrl(responseUrl)
            ? null
            : Results.Json(new { error = $"response_url host '{responseUrl.IdnHost}' is not hooks.slack.com; add it to {SlackOptions.SectionName}:{nameof(SlackOptions.ResponseUrlHosts)} to allow it" }, statusCode: StatusCodes.Status400BadRequest);

    private static SlackInbound? ToInbound(JObject envelope, JObject e, SlackApiClient slack)
    {
        var type = (string?)e["type"];
        var team = (string?)envelope["team_id"] ?? "T";
        var channel = (string?)e["channel"];
        var user = (string?)e["user"];
        if (channel is null || user is null || e["subtype"] is not null || e["bot_id"] is not null)
        {
            return null;
        }

        // Known once auth.test has answered; until then the checks above (bot_id, subtype) catch CniBot's own posts.
        if (slack.KnownBotUserId is { } self && user == self)
        {
            return null;
        }

        var text = MessageText((string?)e["text"]).Trim();
        var ts = (string?)e["ts"] ?? string.Empty;
        var id = (string?)envelope["event_id"] ?? ts;
        switch (type)
        {
            case "app_mention":
                var thread = (string?)e["thread_ts"] ?? ts;
                return new SlackInbound(id, $"{team}:{channel}:{thread}", user, text, null, new SlackReplyTarget(channel, thread, null, false));
            case "message" when (string?)e["channel_type"] == "im":
                return new SlackInbound(id, $"{team}:{channel}", user, text, null, new SlackReplyTarget(channel, (string?)e["thread_ts"], null, false));
            default:
                return null;
        }
    }

    private static async Task<IResult> CommandAsync(HttpContext http, byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (form.TryGetValue("ssl_check", out var sslCheck) && sslCheck == "1")
        {
            return Results.Ok();
        }

        var team = (string?)form["team_id"] ?? "T";
        var channel = (string?)form["channel_id"];
        var user = (string?)form["user_id"];
        if (channel is null || user is null || !Uri.TryCreate(form["response_url"], UriKind.Absolute, out var responseUrl))
        {
            return Results.Json(new { error = "a slash command needs channel_id, user_id and response_url" }, statusCode: StatusCodes.Status400BadRequest);
        }

        return await AskPrivatelyAsync(http, "slack-command:", (string?)form["trigger_id"], team, channel, user, Decode((string?)form["text"] ?? string.Empty), responseUrl, thread: null);
    }

    private static async Task<IResult> InteractionAsync(HttpContext http, byte[] body)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        var payload = JObject.Parse((string?)form["payload"] ?? throw new FormatException("the form has no 'payload'"));
        if ((string?)payload["type"] == "message_action")
        {
            return await ShortcutAsync(http, payload);
        }

        if ((string?)payload["type"] != "block_actions" || payload["actions"] is not JArray { Count: > 0 } actions)
        {
            return Results.Ok();
        }

        var pressed = actions[0]!;
        Dictionary<string, string> data;
        try
        {
            data = JsonConvert.DeserializeObject<Dictionary<string, string>>((string?)pressed["value"] ?? "{}") ?? [];
        }
        catch (JsonException)
        {
            return Results.Ok(); // Not one of CniBot's buttons.
        }

        var team = (string?)payload["team"]?["id"] ?? "T";
        var channel = (string?)payload["channel"]?["id"] ?? (string?)payload["container"]?["channel_id"] ?? string.Empty;
        var user = (string?)payload["user"]?["id"] ?? "U";
        var conversation = data.Remove(BlockKitRenderer.ConversationKey, out var conv) ? conv : $"{team}:{channel}:{user}";
        var ephemeral = payload["container"]?["is_ephemeral"]?.Value<bool>() == true;
        var thread = (string?)payload["message"]?["thread_ts"] ?? (string?)payload["container"]?["thread_ts"];
        Uri.TryCreate((string?)payload["response_url"], UriKind.Absolute, out var responseUrl);
        if (RefusedResponseUrl(http, responseUrl) is { } refused)
        {
            return refused;
        }

        var actionTs = (string?)pressed["action_ts"];
        var inbound = new SlackInbound(
            actionTs ?? Guid.NewGuid().ToString("N"),
            conversation,
            user,
            null,
            data,
            new SlackReplyTarget(channel, thread, responseUrl, ephemeral),
            data.GetValueOrDefault(ActionNames.Action) == ActionNames.Dialog ? (string?)pressed["text"]?["text"] : null);
        return await EnqueueOnceAsync(http, "slack-action:", actionTs is null ? null : $"{user}:{actionTs}", inbound);
    }

    /// <summary>
    /// The message shortcut "Inspect with CniBot" (deploy/slack/manifest.yaml): the message's text goes through the same
    /// turn as a typed one (pasted output is read, anything else answered), and the reply comes back to the person who
    /// asked, in the message's thread, through the shortcut's response_url.
    /// </summary>
    private static async Task<IResult> ShortcutAsync(HttpContext http, JObject payload)
    {
        if ((string?)payload["callback_id"] != InspectShortcut)
        {
            return Results.Ok();
        }

        var team = (string?)payload["team"]?["id"] ?? "T";
        var channel = (string?)payload["channel"]?["id"];
        var user = (string?)payload["user"]?["id"];
        var message = payload["message"] as JObject;
        if (channel is null || user is null || message is null || !Uri.TryCreate((string?)payload["response_url"], UriKind.Absolute, out var responseUrl))
        {
            return Results.Json(new { error = "a message shortcut needs channel, user, message and response_url" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var thread = (string?)message["thread_ts"] ?? (string?)message["ts"];
        return await AskPrivatelyAsync(http, "slack-shortcut:", (string?)payload["trigger_id"], team, channel, user, MessageText((string?)message["text"]), responseUrl, thread);
    }

    /// <summary>
    /// A slash command or a message shortcut: the text is a turn of the user in the channel, answered only to them
    /// through the request's response_url (checked first), and de-duplicated by the trigger id.
    /// </summary>
    private static async Task<IResult> AskPrivatelyAsync(HttpContext http, string kind, string? triggerId, string team, string channel, string user, string text, Uri responseUrl, string? thread)
    {
        if (RefusedResponseUrl(http, responseUrl) is { } refused)
        {
            return refused;
        }

        text = text.Trim();
        var inbound = new SlackInbound(triggerId ?? Guid.NewGuid().ToString("N"), $"{team}:{channel}:{user}", user, text.Length == 0 ? "help" : text, null, new SlackReplyTarget(channel, thread, responseUrl, true));
        return await EnqueueOnceAsync(http, kind, triggerId, inbound);
    }

    /// <summary>A message's text as the user wrote it: Slack's escapes decoded, mentions of the bot left out.</summary>
    private static string MessageText(string? text) => Decode(MentionPattern().Replace(text ?? string.Empty, string.Empty));

    /// <summary>The callback id of the message shortcut in the app manifest.</summary>
    internal const string InspectShortcut = "cnibot_inspect";

    /// <summary>
    /// Slack sends &amp;, &lt; and &gt; escaped in message and command text; pasted output
    /// (<c>&lt;BROADCAST,UP&gt; mtu 1450</c>) is read as the terminal printed it. Replies are escaped again when rendered.
    /// </summary>
    internal static string Decode(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"<@[UW][A-Z0-9]+>")]
    private static partial System.Text.RegularExpressions.Regex MentionPattern();
}
