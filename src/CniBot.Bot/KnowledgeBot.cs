using System.Text.RegularExpressions;
using CniBot.Bot.Cards;
using CniBot.Redis;
using CniBot.Conversation;
using CniBot.Diagnosis.Dialogs;
using CniBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot;

/// <summary>
/// The Bot Framework face of CniBot. It only routes: a message or a button press becomes a <see cref="Turn"/> for
/// the <see cref="ConversationEngine"/>, and its <see cref="Reply"/> goes back as an Adaptive Card (or text on
/// channels without cards).
/// </summary>
public sealed partial class KnowledgeBot(
    ConversationEngine engine,
    ConversationState conversationState,
    IOptions<ConversationOptions> options,
    TurnRateLimiter limiter,
    ILogger<KnowledgeBot> logger) : ActivityHandler
{
    /// <summary>The running diagnose dialog, kept in the conversation's state (memory, or Redis when configured).</summary>
    private readonly IStatePropertyAccessor<DialogState> dialogs = conversationState.CreateProperty<DialogState>("cnibot.dialog");

    /// <summary>Channels that show Adaptive Cards; everywhere else CniBot answers in markdown text.</summary>
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase) { "msteams", "webchat", "emulator", "directline" };

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);

        // A message stores its state before its replies go out (OnMessageActivityAsync); saving again would only
        // repeat a failure when the store is down.
        if (turnContext.Activity.Type != ActivityTypes.Message)
        {
            await SaveStateAsync(turnContext, cancellationToken);
        }
    }

    /// <summary>Saves the conversation's state if the turn changed it (a no-op otherwise).</summary>
    private async Task SaveStateAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        }
        catch (StateStoreUnavailableException e)
        {
            // The replies still go out; only the dialog's progress is lost, and the next turn says why.
            StateNotSaved(logger, turnContext.Activity.Conversation?.Id, e);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var turn = new Turn(activity.Conversation.Id, activity.From?.Id, StripMentions(activity), ActionData(activity.Value));
        if (await limiter.CheckAsync(activity.ChannelId, activity.From?.Id, activity.Conversation.Id) is { } limit)
        {
            var language = LanguageExtensions.Detect(turn.Text ?? string.Empty);
            await turnContext.SendActivityAsync(ToActivity(Replies.RateLimited(language, limit), activity.ChannelId), cancellationToken);
            return;
        }

        DialogState? dialog;
        var stateAvailable = true;
        try
        {
            dialog = await dialogs.GetAsync(turnContext, () => null!, cancellationToken);
        }
        catch (StateStoreUnavailableException e)
        {
            // Redis is down: questions are still answered (search is local); dialogs wait for the store to return.
            StateNotLoaded(logger, activity.Conversation.Id, e);
            dialog = null;
            stateAvailable = false;
        }

        var result = await engine.HandleAsync(turn, dialog, activity.ChannelId, cancellationToken);
        var replies = result.Replies;
        if (!stateAvailable)
        {
            if (result.Dialog is not null || turn.IsAction && turn.Action!.GetValueOrDefault(ActionNames.Action) == ActionNames.Dialog)
            {
                var language = result.Replies.Count > 0 ? result.Replies[^1].Language : Language.En;
                replies = [.. result.Replies.Where(r => r.Kind != ReplyKind.DialogPrompt), Replies.StateUnavailable(language)];
            }
        }
        else if (result.Dialog is null)
        {
            await dialogs.DeleteAsync(turnContext, cancellationToken);
        }
        else
        {
            await dialogs.SetAsync(turnContext, result.Dialog, cancellationToken);
        }

        // The state first, then the replies: a reply's buttons act on this state, and on Slack (whose turns run after
        // the acknowledgement) or on another replica a button can be pressed before this turn would otherwise end.
        await SaveStateAsync(turnContext, cancellationToken);
        foreach (var reply in replies)
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

    internal IMessageActivity ToActivity(Reply reply, string? channelId)
    {
        if (channelId == Slack.SlackAdapter.ChannelId)
        {
            // Slack's adapter renders the channel-neutral reply as Block Kit itself.
            var slack = MessageFactory.Attachment(new Attachment { ContentType = Slack.SlackAdapter.ReplyContentType, Content = reply });
            slack.Text = reply.Title;
            return slack;
        }

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

    // Debug: the outage itself is logged by RedisConnection, a few lines per outage; these name each conversation.
    [LoggerMessage(Level = LogLevel.Debug, Message = "State store unavailable: conversation {Conversation} answered without its dialog")]
    private static partial void StateNotLoaded(ILogger logger, string? conversation, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "State store unavailable: the dialog of conversation {Conversation} was not saved")]
    private static partial void StateNotSaved(ILogger logger, string? conversation, Exception exception);

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();
}
