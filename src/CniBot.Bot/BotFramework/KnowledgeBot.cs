using System.Text.RegularExpressions;
using CniBot.Bot.BotFramework.State;
using CniBot.Bot.Cards;
using CniBot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using CniBot.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.BotFramework;

/// <summary>
/// The Bot Framework face of CniBot, the thin router the SDK's samples show: a message or a button press becomes a
/// <see cref="Turn"/> for the <see cref="TurnHandler"/>, and its replies go back as Adaptive Cards (or markdown text
/// on channels without cards); on Teams an answer is its text with Teams' own citations and feedback buttons
/// (<see cref="TeamsAnswerRenderer"/>), and a rating given with those buttons is recorded with the answer it rates.
/// </summary>
public sealed partial class KnowledgeBot(TurnHandler turns, ConversationEngine engine, SentAnswers sent, IOptions<ConversationOptions> options, ILogger<KnowledgeBot> logger) : ActivityHandler
{
    private const string Teams = "msteams";

    /// <summary>Channels that show Adaptive Cards; everywhere else CniBot answers in markdown text.</summary>
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase) { "msteams", "webchat", "emulator", "directline" };

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var turn = new Turn(activity.Conversation.Id, activity.From?.Id, StripMentions(activity), ActionData(activity.Value));
        foreach (var reply in await turns.HandleAsync(activity.ChannelId, turn, cancellationToken))
        {
            var message = ToActivity(reply, activity.ChannelId, activity.ServiceUrl);
            if (activity.DeliveryMode == DeliveryModes.ExpectReplies)
            {
                message.Id = Guid.NewGuid().ToString("N"); // No channel gives the reply an id: the page needs one to rate it.
            }

            var response = await turnContext.SendActivityAsync(message, cancellationToken);
            var messageId = response?.Id is { Length: > 0 } id ? id : message.Id;
            if (activity.ChannelId == Teams && reply is { Kind: ReplyKind.Answer, Answer: { } answer } && messageId is { Length: > 0 })
            {
                // Teams' feedback names only the message: remember which answer it carries. The answer is out already:
                // with the state store away, a later rating of it is recorded without its section.
                try
                {
                    await sent.RememberAsync(activity.ChannelId, activity.Conversation.Id, messageId, new SentAnswer { Section = answer.Section.Key, Question = turn.Text }, cancellationToken);
                }
                catch (StateStoreUnavailableException e)
                {
                    AnswerNotRemembered(logger, activity.Conversation.Id, e);
                }
            }
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

        if (activity.Name == "message/submitAction" && activity.Value is JObject feedback && (string?)feedback["actionName"] == "feedback")
        {
            return await FeedbackAsync(activity, feedback, cancellationToken);
        }

        return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
    }

    /// <summary>
    /// Teams' own 👍/👎 under an answer (<c>message/submitAction</c>, <c>actionName</c> feedback): the reaction and what
    /// the user wrote in Teams' form (<c>feedback</c>, a JSON string with <c>feedbackText</c>), recorded with the
    /// answer's section and question when this bot remembers the message. Teams wants 200 with an empty JSON object.
    /// </summary>
    private async Task<InvokeResponse> FeedbackAsync(IInvokeActivity activity, JObject value, CancellationToken cancellationToken)
    {
        var reaction = (string?)value["actionValue"]?["reaction"];
        if (reaction is not ("like" or "dislike"))
        {
            return new InvokeResponse { Status = 400, Body = new JObject { ["error"] = "actionValue.reaction must be 'like' or 'dislike'" } };
        }

        var conversation = activity.Conversation?.Id ?? Teams;
        SentAnswer? answer = null;
        try
        {
            answer = activity.ReplyToId is { Length: > 0 } messageId ? await sent.FindAsync(activity.ChannelId, conversation, messageId, cancellationToken) : null;
        }
        catch (StateStoreUnavailableException e)
        {
            AnswerNotRemembered(logger, conversation, e);
        }

        // Recorded, or dropped over the turn limits; either way Teams gets the empty object it requires.
        var rating = new Rating(reaction == "like", answer?.Question, answer?.Section, FeedbackText(value["actionValue"]?["feedback"]));
        await turns.RateAsync(activity.ChannelId, activity.From?.Id, conversation, rating, cancellationToken);
        return new InvokeResponse { Status = 200, Body = new JObject() };
    }

    /// <summary>The user's words from Teams' feedback form: <c>{"feedbackText": "…"}</c> as a JSON string or an object.</summary>
    internal static string? FeedbackText(JToken? feedback)
    {
        var form = feedback;
        if (feedback is JValue { Type: JTokenType.String } text)
        {
            try
            {
                form = JToken.Parse((string)text!);
            }
            catch (Newtonsoft.Json.JsonReaderException)
            {
                return string.IsNullOrWhiteSpace((string?)text) ? null : ((string)text!).Trim(); // Plain words, not the form's JSON.
            }
        }

        return form is JObject o && (string?)o["feedbackText"] is { } words && !string.IsNullOrWhiteSpace(words) ? words.Trim() : null;
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
                ["content"] = new JObject { ["title"] = reply.Title, ["text"] = UserText.Fit(preview, 200) },
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

    /// <param name="serviceUrl">Where the turn came from: the local chat page links citations to the host's own knowledge pages.</param>
    internal IMessageActivity ToActivity(Reply reply, string? channelId, string? serviceUrl = null)
    {
        if (channelId is not null && !CardChannels.Contains(channelId))
        {
            return MessageFactory.Text(ReplyTextRenderer.Render(reply, options.Value));
        }

        if (channelId == Teams && reply is { Kind: ReplyKind.Answer, Answer: not null })
        {
            var teams = TeamsAnswerRenderer.Render(reply, options.Value, section => serviceUrl == ChatPageEndpoints.LocalServiceUrl
                ? "/" + ConversationOptions.RelativeLink(section)
                : options.Value.LinkFor(section)?.AbsoluteUri);
            var text = MessageFactory.Text(teams.Text);
            text.TextFormat = TextFormatTypes.Markdown;
            var properties = (JObject)teams.Entity.DeepClone();
            properties.Remove("type"); // Entity.Type writes it.
            text.Entities = [new Entity { Type = (string)teams.Entity["type"]!, Properties = properties }];
            text.ChannelData = teams.ChannelData;
            if (teams.Card is { } buttons)
            {
                text.Attachments = [new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = buttons }];
            }

            text.Summary = reply.Title;
            text.Locale = reply.Language == Language.Zh ? "zh-CN" : "en-US";
            return text;
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


    // Debug, as the turn handler's: the outage itself is logged by the store's connection, a few lines per outage (the
    // soak test's Redis kill made this a warning with a stack trace for every Teams answer: 11,000 of them, 31 MB).
    [LoggerMessage(EventId = 60, Level = LogLevel.Debug, Message = "The state store is away: which answer a Teams message in {Conversation} carries is not known, and its rating is kept without its section")]
    private static partial void AnswerNotRemembered(ILogger logger, string conversation, Exception error);

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"<br\s{0,4}/?>|</(?:p|div|pre|li|tr|h[1-6])>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex("<[^>]{0,2000}>")]
    private static partial Regex Tag();
}
