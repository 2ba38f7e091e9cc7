using System.Text.RegularExpressions;
using CniBot.Bot.Cards;
using CniBot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.BotFramework;

/// <summary>
/// The Bot Framework face of CniBot, the thin router the SDK's samples show: a message or a button press becomes a
/// <see cref="Turn"/> for the <see cref="TurnHandler"/>, and its replies go back as Adaptive Cards (or markdown text
/// on channels without cards).
/// </summary>
public sealed partial class KnowledgeBot(TurnHandler turns, ConversationEngine engine, IOptions<ConversationOptions> options) : ActivityHandler
{
    /// <summary>Channels that show Adaptive Cards; everywhere else CniBot answers in markdown text.</summary>
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase) { "msteams", "webchat", "emulator", "directline" };

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var turn = new Turn(activity.Conversation.Id, activity.From?.Id, StripMentions(activity), ActionData(activity.Value));
        foreach (var reply in await turns.HandleAsync(activity.ChannelId, turn, cancellationToken))
        {
            await turnContext.SendActivityAsync(ToActivity(reply, activity.ChannelId), cancellationToken);
        }
    }

    /// <remarks>
    /// ActivityHandler calls OnMembersAddedAsync only when someone other than the bot joins, so the bot's own arrival
    /// (installed in a team or a chat) is handled here: that is when CniBot introduces itself, once.
    /// </remarks>
    protected override async Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Recipient?.Id is { } botId && activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await turnContext.SendActivityAsync(ToActivity(Replies.Welcome(), activity.ChannelId), cancellationToken);
        }
    }

    /// <summary>The message action's command id in deploy/teams/manifest.json.</summary>
    internal const string InspectCommand = "inspect";

    /// <summary>
    /// The message action "Inspect with CniBot" (a message extension command of type action, context message, with
    /// fetchTask): Teams asks for the dialog to open with the message's payload, and CniBot answers with its reply to
    /// that message's text (pasted output read, anything else answered) as the dialog's card. A button pressed inside
    /// the dialog (composeExtension/submitAction) closes it; everything else is the SDK's.
    /// </summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Name == "composeExtension/fetchTask" && activity.Value is JObject value && (string?)value["commandId"] == InspectCommand)
        {
            var text = MessageText(value["messagePayload"]?["body"]);
            var turn = new Turn(activity.Conversation?.Id ?? "msteams", activity.From?.Id, text.Length == 0 ? "help" : text, null);
            var replies = await turns.HandleAsync(activity.ChannelId, turn, cancellationToken);
            var reply = replies.Count > 0 ? replies[0] : Replies.Help(Language.En);
            return new InvokeResponse
            {
                Status = 200,
                Body = new JObject { ["task"] = new JObject { ["type"] = "continue", ["value"] = new JObject { ["title"] = "CniBot", ["width"] = "large", ["height"] = "large", ["card"] = CardAttachment(reply) } } },
            };
        }

        if (activity.Name == "composeExtension/query" && activity.Value is JObject search && (string?)search["commandId"] == SearchCommand)
        {
            return new InvokeResponse { Status = 200, Body = SearchResults(search) };
        }

        if (activity.Name == "composeExtension/submitAction" && activity.Value is JObject submitted && (string?)submitted["commandId"] == InspectCommand)
        {
            return new InvokeResponse { Status = 200 };
        }

        return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
    }

    /// <summary>The search message extension's command id in deploy/teams/manifest.json.</summary>
    internal const string SearchCommand = "search";

    /// <summary>
    /// The compose box's search (a message extension command of type query): the sections that answer the typed
    /// question, each an Adaptive Card to insert with a preview of its title and answer. Teams opens the extension
    /// with <c>initialRun</c> and no text: that gets no results rather than a guess.
    /// </summary>
    private JObject SearchResults(JObject value)
    {
        var parameters = value["parameters"] as JArray ?? [];
        var query = parameters.Select(p => (Name: (string?)p["name"], Value: (string?)p["value"])).FirstOrDefault(p => p.Name == "query").Value;
        var attachments = new JArray();
        foreach (var reply in engine.Sections(query))
        {
            var preview = reply.Answer is { } answer ? answer.PlainText : string.Empty;
            var attachment = CardAttachment(reply);
            attachment["preview"] = new JObject
            {
                ["contentType"] = "application/vnd.microsoft.card.thumbnail",
                ["content"] = new JObject { ["title"] = reply.Title, ["text"] = preview.Length <= 200 ? preview : preview[..199] + "…" },
            };
            attachments.Add(attachment);
        }

        return new JObject { ["composeExtension"] = new JObject { ["type"] = "result", ["attachmentLayout"] = "list", ["attachments"] = attachments } };
    }

    /// <summary>A reply as an attachment in an invoke response's JSON: its Adaptive Card.</summary>
    private JObject CardAttachment(Reply reply) => new()
    {
        ["contentType"] = AdaptiveCardRenderer.ContentType,
        ["content"] = AdaptiveCardRenderer.Render(reply, options.Value),
    };

    /// <summary>
    /// A Teams message's text: its body is HTML (paragraphs, line breaks, code blocks, entities), turned back into the
    /// lines the author pasted.
    /// </summary>
    internal static string MessageText(JToken? body)
    {
        var content = (string?)body?["content"] ?? string.Empty;
        if (!string.Equals((string?)body?["contentType"], "html", StringComparison.OrdinalIgnoreCase))
        {
            return content.Trim();
        }

        var text = LineBreak().Replace(content, "\n");
        text = Tag().Replace(text, string.Empty);
        return System.Net.WebUtility.HtmlDecode(text).Trim();
    }

    internal IMessageActivity ToActivity(Reply reply, string? channelId)
    {
        if (channelId is not null && !CardChannels.Contains(channelId))
        {
            return MessageFactory.Text(ReplyTextRenderer.Render(reply, options.Value));
        }

        var message = MessageFactory.Attachment(new Attachment
        {
            ContentType = AdaptiveCardRenderer.ContentType,
            Content = AdaptiveCardRenderer.Render(reply, options.Value),
        });
        message.Summary = reply.Title;
        message.Locale = reply.Language == Language.Zh ? "zh-CN" : "en-US";
        return message;
    }

    /// <summary>
    /// The text without the bot's @mention: in a Teams channel the text arrives as "&lt;at&gt;CniBot&lt;/at&gt; question".
    /// The mention entity says which part names the bot; a leftover &lt;at&gt; tag (a client that sent no entity) goes too.
    /// </summary>
    internal static string? StripMentions(IMessageActivity activity)
    {
        // Some Direct Line clients send no recipient; RemoveRecipientMention would dereference it.
        var text = activity.Recipient?.Id is null ? activity.Text : activity.RemoveRecipientMention() ?? activity.Text;
        return text is null ? null : AtTag().Replace(text, string.Empty).Trim();
    }

    /// <summary>
    /// Button data as flat strings. Teams sends Action.Submit data as the activity's value; anything else there (a
    /// string, an array, nested objects, Teams' own <c>msteams</c> key) is not a CniBot button and is ignored.
    /// </summary>
    internal static IReadOnlyDictionary<string, string>? ActionData(object? value)
    {
        if (value is not JObject data)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, token) in data)
        {
            if (key != "msteams" && token is JValue { Value: not null } scalar)
            {
                result[key] = token.Type == JTokenType.Boolean ? ((bool)scalar ? "true" : "false") : Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture)!;
            }
        }

        return result.ContainsKey(ActionNames.Action) ? result : null;
    }


    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"<br\s{0,4}/?>|</(?:p|div|pre|li|tr|h[1-6])>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex("<[^>]{0,2000}>")]
    private static partial Regex Tag();
}
