using CniBot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>
/// Slack as a Bot Framework channel: a Slack request becomes an Activity for the same bot, state and dialogs as
/// Teams, and the bot's replies go back to Slack as Block Kit through the Web API or the request's response_url.
/// </summary>
public sealed partial class SlackAdapter(SlackApiClient slack, IOptions<ConversationOptions> options, ConversationState conversationState, ILogger<SlackAdapter> logger) : BotAdapter
{
    public const string ChannelId = "slack";

    /// <summary>The bot attaches its channel-neutral reply under this content type for Slack to render.</summary>
    public const string ReplyContentType = "application/vnd.cnibot.reply";

    public async Task ProcessAsync(SlackInbound inbound, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(bot);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = inbound.Id,
            ChannelId = ChannelId,
            ServiceUrl = "https://slack.com/",
            Conversation = new ConversationAccount(id: inbound.Conversation),
            From = new ChannelAccount(inbound.User),
            Recipient = new ChannelAccount("cnibot"),
            Text = inbound.Text,
            Value = inbound.Action is null ? null : JObject.FromObject(inbound.Action),
            Timestamp = DateTimeOffset.UtcNow,
        };
        using var context = new TurnContext(this, activity);
        context.TurnState.Add(inbound);
        try
        {
            await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The same promise as on Teams: log, apologise, and leave no broken dialog behind.
            LogTurnFailed(logger, inbound.Conversation, e);
            await conversationState.DeleteAsync(context, cancellationToken);
            await SendAsync(inbound, new Reply { Kind = ReplyKind.Help, Language = LanguageExtensions.Detect(inbound.Text ?? string.Empty), Title = Texts.Apology(LanguageExtensions.Detect(inbound.Text ?? string.Empty)) }, cancellationToken);
        }
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var inbound = turnContext.TurnState.Get<SlackInbound>();
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities.Where(a => a.Type == ActivityTypes.Message))
        {
            var reply = activity.Attachments?.FirstOrDefault(a => a.ContentType == ReplyContentType)?.Content as Reply
                ?? new Reply { Kind = ReplyKind.Help, Language = Language.En, Title = activity.Text ?? string.Empty };
            responses.Add(new ResourceResponse(await SendAsync(inbound, reply, cancellationToken) ?? string.Empty));
        }

        return [.. responses];
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("CniBot updates Slack messages through its own adapter calls");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("CniBot does not delete Slack messages");

    private async Task<string?> SendAsync(SlackInbound inbound, Reply reply, CancellationToken cancellationToken)
    {
        var target = inbound.Target;
        var share = inbound.Action?.GetValueOrDefault("share") == "true";
        var message = BlockKitRenderer.Render(WithShareButton(reply, target), options.Value, inbound.Conversation);
        if (inbound.PressedLabel is not null && target.ResponseUrl is not null && !share)
        {
            // Show the choice as made on the message that offered it, then answer below it.
            var chosen = new SlackMessage(inbound.PressedLabel, new JArray(new JObject
            {
                ["type"] = "context",
                ["elements"] = new JArray(new JObject { ["type"] = "mrkdwn", ["text"] = "✔ " + BlockKitRenderer.Escape(inbound.PressedLabel) }),
            }));
            await slack.RespondAsync(target.ResponseUrl, chosen, target.Ephemeral, replaceOriginal: true, cancellationToken);
        }

        if (target.ResponseUrl is not null && !share)
        {
            await slack.RespondAsync(target.ResponseUrl, message, target.Ephemeral, replaceOriginal: false, cancellationToken);
            return null;
        }

        return await slack.PostMessageAsync(target.Channel, message, target.ThreadTs, cancellationToken);
    }

    /// <summary>An ephemeral answer (a slash command's) gets a button to post it for the whole channel to see.</summary>
    private static Reply WithShareButton(Reply reply, SlackReplyTarget target)
    {
        if (!target.Ephemeral || reply.Answer is null)
        {
            return reply;
        }

        var share = new Dictionary<string, string>(ActionNames.ShowData(reply.Answer.Section)) { ["share"] = "true" };
        return reply with { Actions = [.. reply.Actions, new ReplyAction(reply.Language.Pick("Share in channel", "分享到频道"), share)] };
    }

    [LoggerMessage(EventId = 32, Level = LogLevel.Error, Message = "Slack turn failed in {Conversation}")]
    private static partial void LogTurnFailed(ILogger logger, string conversation, Exception error);
}
