using CniBot.Conversation;
using CniBot.Hosting;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>What became of one thing Slack delivered, whichever way it came (HTTP or Socket Mode).</summary>
public enum SlackIntakeResult
{
    /// <summary>Queued for the bot, or nothing for CniBot (its own messages, other events, a copy already taken).</summary>
    Accepted,

    /// <summary>Malformed or refused: <see cref="SlackIntakeOutcome.Reason"/> says why (HTTP 400).</summary>
    Refused,

    /// <summary>The work queue is full: not taken, so Slack must deliver it again (HTTP 503, no Socket Mode ack).</summary>
    Busy,
}

public readonly record struct SlackIntakeOutcome(SlackIntakeResult Result, string? Reason = null)
{
    public static SlackIntakeOutcome Accepted { get; } = new(SlackIntakeResult.Accepted);

    public static SlackIntakeOutcome Busy { get; } = new(SlackIntakeResult.Busy);

    public static SlackIntakeOutcome Refuse(string reason) => new(SlackIntakeResult.Refused, reason);
}

/// <summary>
/// Turns what Slack delivers (an Events API callback, a slash command, an interaction payload) into work for the
/// <see cref="SlackDispatcher"/>, the same for the HTTP endpoints and for Socket Mode: CniBot's own messages and
/// other events are dropped, a <c>response_url</c> outside Slack is refused, and every delivery is taken once across
/// replicas (Slack's retries, a replayed request, an event that came on two sockets).
/// </summary>
public sealed partial class SlackIntake(SlackApiClient slack, ISharedCounters claims, SlackDispatcher dispatcher, IOptions<SlackOptions> options)
{
    /// <summary>How long a delivery id is remembered: Slack retries for minutes (up to three times, the last ~5 min later).</summary>
    private static readonly TimeSpan DeduplicationWindow = TimeSpan.FromHours(1);

    /// <summary>The callback id of the message shortcut in the app manifest.</summary>
    internal const string InspectShortcut = "cnibot_inspect";

    /// <summary>An Events API <c>event_callback</c> envelope (the body of an HTTP event, the payload of a socket one).</summary>
    public async Task<SlackIntakeOutcome> EventAsync(JObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if ((string?)envelope["type"] == "event_callback" && envelope["event"] is JObject { } opened && (string?)opened["type"] == "app_home_opened")
        {
            // The Home tab is published; the Messages tab (the agent conversation, which replaced Slack's
            // assistant_thread_started) gets suggested prompts.
            SlackTab? tab = (string?)opened["tab"] switch { "home" => SlackTab.Home, "messages" when options.Value.AgentView => SlackTab.Messages, _ => null };
            return tab is not null && (string?)opened["user"] is { } viewer
                ? await EnqueueOnceAsync("slack-event:", (string?)envelope["event_id"], new SlackInbound((string?)envelope["event_id"] ?? viewer, $"{tab}:{viewer}", viewer, null, null, new SlackReplyTarget((string?)opened["channel"] ?? string.Empty, null, null, false)) { Opened = tab })
                : SlackIntakeOutcome.Accepted;
        }

        if ((string?)envelope["type"] != "event_callback" || envelope["event"] is not JObject e || ToInbound(envelope, e) is not { } inbound)
        {
            return SlackIntakeOutcome.Accepted; // Not for CniBot: its own messages, edits, other subtypes and events.
        }

        return await EnqueueOnceAsync("slack-event:", (string?)envelope["event_id"], inbound);
    }

    /// <summary>A slash command's fields (the HTTP form, or the socket payload's properties).</summary>
    public async Task<SlackIntakeOutcome> CommandAsync(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var channel = field("channel_id");
        var user = field("user_id");
        if (channel is null || user is null || !Uri.TryCreate(field("response_url"), UriKind.Absolute, out var responseUrl))
        {
            return SlackIntakeOutcome.Refuse("a slash command needs channel_id, user_id and response_url");
        }

        return await AskPrivatelyAsync("slack-command:", field("trigger_id"), field("team_id") ?? "T", channel, user, Decode(field("text") ?? string.Empty), responseUrl, thread: null);
    }

    /// <summary>An interaction payload: a button press (<c>block_actions</c>) or the message shortcut.</summary>
    public async Task<SlackIntakeOutcome> InteractionAsync(JObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if ((string?)payload["type"] == "message_action")
        {
            return await ShortcutAsync(payload);
        }

        if ((string?)payload["type"] != "block_actions" || payload["actions"] is not JArray { Count: > 0 } actions)
        {
            return SlackIntakeOutcome.Accepted;
        }

        var pressed = actions[0]!;
        Dictionary<string, string> data;
        try
        {
            data = JsonConvert.DeserializeObject<Dictionary<string, string>>((string?)pressed["value"] ?? "{}") ?? [];
        }
        catch (JsonException)
        {
            return SlackIntakeOutcome.Accepted; // Not one of CniBot's buttons.
        }

        var team = (string?)payload["team"]?["id"] ?? "T";
        var channel = (string?)payload["channel"]?["id"] ?? (string?)payload["container"]?["channel_id"] ?? string.Empty;
        var user = (string?)payload["user"]?["id"] ?? "U";
        var actionTs = (string?)pressed["action_ts"];
        if ((string?)payload["view"]?["type"] == "home")
        {
            // The Home tab belongs to no channel: the reply goes to the user's direct messages with CniBot (the
            // conversation is named once that channel is known), and an example question is asked as if typed.
            var asked = data.GetValueOrDefault(ActionNames.Action) == SlackHome.Ask ? data.GetValueOrDefault(ActionNames.Question) : null;
            var home = new SlackInbound(actionTs ?? Guid.NewGuid().ToString("N"), team, user, asked, asked is null ? data : null, new SlackReplyTarget(string.Empty, null, null, false, DirectTo: user));
            return await EnqueueOnceAsync("slack-action:", actionTs is null ? null : $"{user}:{actionTs}", home);
        }

        var conversation = data.Remove(BlockKitRenderer.ConversationKey, out var conv) ? conv : $"{team}:{channel}:{user}";
        var ephemeral = payload["container"]?["is_ephemeral"]?.Value<bool>() == true;
        var thread = (string?)payload["message"]?["thread_ts"] ?? (string?)payload["container"]?["thread_ts"];
        Uri.TryCreate((string?)payload["response_url"], UriKind.Absolute, out var responseUrl);
        if (RefusedResponseUrl(responseUrl) is { } refused)
        {
            return refused;
        }

        var inbound = new SlackInbound(
            actionTs ?? Guid.NewGuid().ToString("N"),
            conversation,
            user,
            null,
            data,
            new SlackReplyTarget(channel, thread, responseUrl, ephemeral),
            data.GetValueOrDefault(ActionNames.Action) == ActionNames.Dialog ? (string?)pressed["text"]?["text"] : null);
        return await EnqueueOnceAsync("slack-action:", actionTs is null ? null : $"{user}:{actionTs}", inbound);
    }

    /// <summary>
    /// The message shortcut "Inspect with CniBot" (deploy/slack/manifest.yaml): the message's text goes through the same
    /// turn as a typed one (pasted output is read, anything else answered), and the reply comes back to the person who
    /// asked, in the message's thread, through the shortcut's response_url.
    /// </summary>
    private async Task<SlackIntakeOutcome> ShortcutAsync(JObject payload)
    {
        if ((string?)payload["callback_id"] != InspectShortcut)
        {
            return SlackIntakeOutcome.Accepted;
        }

        var channel = (string?)payload["channel"]?["id"];
        var user = (string?)payload["user"]?["id"];
        var message = payload["message"] as JObject;
        if (channel is null || user is null || message is null || !Uri.TryCreate((string?)payload["response_url"], UriKind.Absolute, out var responseUrl))
        {
            return SlackIntakeOutcome.Refuse("a message shortcut needs channel, user, message and response_url");
        }

        var thread = (string?)message["thread_ts"] ?? (string?)message["ts"];
        return await AskPrivatelyAsync("slack-shortcut:", (string?)payload["trigger_id"], (string?)payload["team"]?["id"] ?? "T", channel, user, MessageText((string?)message["text"]), responseUrl, thread);
    }

    /// <summary>
    /// A slash command or a message shortcut: the text is a turn of the user in the channel, answered only to them
    /// through the request's response_url (checked first), and de-duplicated by the trigger id.
    /// </summary>
    private async Task<SlackIntakeOutcome> AskPrivatelyAsync(string kind, string? triggerId, string team, string channel, string user, string text, Uri responseUrl, string? thread)
    {
        if (RefusedResponseUrl(responseUrl) is { } refused)
        {
            return refused;
        }

        text = text.Trim();
        var inbound = new SlackInbound(triggerId ?? Guid.NewGuid().ToString("N"), $"{team}:{channel}:{user}", user, text.Length == 0 ? "help" : text, null, new SlackReplyTarget(channel, thread, responseUrl, true));
        return await EnqueueOnceAsync(kind, triggerId, inbound);
    }

    /// <summary>
    /// Hands the inbound to the dispatcher once per <paramref name="id"/> across every replica: later copies are
    /// accepted and dropped.
    /// </summary>
    private async Task<SlackIntakeOutcome> EnqueueOnceAsync(string kind, string? id, SlackInbound inbound)
    {
        var claim = kind + id;
        if (!string.IsNullOrEmpty(id) && !await claims.TryClaimAsync(claim, DeduplicationWindow))
        {
            return SlackIntakeOutcome.Accepted;
        }

        if (!dispatcher.TryEnqueue(inbound))
        {
            if (!string.IsNullOrEmpty(id))
            {
                await claims.ReleaseAsync(claim); // Not taken after all: the next delivery must get it.
            }

            return SlackIntakeOutcome.Busy;
        }

        return SlackIntakeOutcome.Accepted;
    }

    /// <summary>Null when replies may be POSTed to the response_url; otherwise the refusal that says why.</summary>
    private SlackIntakeOutcome? RefusedResponseUrl(Uri? responseUrl) =>
        responseUrl is null || options.Value.AllowsResponseUrl(responseUrl)
            ? null
            : SlackIntakeOutcome.Refuse($"response_url host '{responseUrl.IdnHost}' is not hooks.slack.com; add it to {SlackOptions.SectionName}:{nameof(SlackOptions.ResponseUrlHosts)} to allow it");

    private SlackInbound? ToInbound(JObject envelope, JObject e)
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
            case "message" when (string?)e["channel_type"] == "im" && options.Value.AgentView:
                // CniBot's agent conversation: every message is a thread (a new one starts at a top-level message),
                // answered in it with a status while working.
                var agentThread = (string?)e["thread_ts"] ?? ts;
                return new SlackInbound(id, $"{team}:{channel}", user, text, null, new SlackReplyTarget(channel, agentThread, null, false))
                {
                    AgentThread = new SlackAgentThread(channel, agentThread, IsNew: e["thread_ts"] is null),
                };
            case "message" when (string?)e["channel_type"] == "im":
                return new SlackInbound(id, $"{team}:{channel}", user, text, null, new SlackReplyTarget(channel, (string?)e["thread_ts"], null, false));
            default:
                return null;
        }
    }

    /// <summary>A message's text as the user wrote it: Slack's escapes decoded, mentions of the bot left out.</summary>
    private static string MessageText(string? text) => Decode(MentionPattern().Replace(text ?? string.Empty, string.Empty));

    /// <summary>
    /// Slack sends &amp;, &lt; and &gt; escaped in message and command text; pasted output
    /// (<c>&lt;BROADCAST,UP&gt; mtu 1450</c>) is read as the terminal printed it. Replies are escaped again when rendered.
    /// </summary>
    internal static string Decode(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"<@[UW][A-Z0-9]+>")]
    private static partial System.Text.RegularExpressions.Regex MentionPattern();
}
