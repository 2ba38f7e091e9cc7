using CniBot.Conversation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>
/// Slack's side of a turn: a Slack request becomes a <see cref="Turn"/> for the same <see cref="TurnHandler"/> as
/// Teams (same limits, dialogs and state), and its replies go back as Block Kit through the request's response_url
/// or, paced per channel, the <see cref="SlackOutbox"/>. No Bot Framework in between.
/// </summary>
public sealed partial class SlackAdapter(SlackApiClient slack, SlackOutbox outbox, SlackHome home, IOptions<ConversationOptions> options, TurnHandler turns, ILogger<SlackAdapter> logger)
{
    public const string ChannelId = "slack";

    public async Task ProcessAsync(SlackInbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        switch (inbound.Opened)
        {
            case SlackTab.Home:
                await home.PublishAsync(inbound.User, cancellationToken);
                return;
            case SlackTab.Messages:
                await home.SuggestPromptsAsync(inbound.Target.Channel, cancellationToken);
                return;
        }

        if (inbound.AgentThread is { } thread)
        {
            await ShowWorkingAsync(thread, inbound.Text, cancellationToken);
        }

        if (inbound.Target.DirectTo is { } direct)
        {
            // A Home tab button: the turn is the user's direct-message conversation with CniBot (team:channel, as a
            // message typed there), so that its dialog goes on there.
            if (await slack.OpenDirectAsync(direct, cancellationToken) is not { } dm)
            {
                DirectNotOpened(logger, direct);
                return;
            }

            inbound = inbound with { Conversation = $"{inbound.Conversation}:{dm}", Target = new SlackReplyTarget(dm, null, null, false) };
        }

        var turn = new Turn(inbound.Conversation, inbound.User, inbound.Text, inbound.Action);
        try
        {
            foreach (var reply in await turns.HandleAsync(ChannelId, turn, cancellationToken))
            {
                await SendAsync(inbound, reply, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The same promise as on Teams: log, apologise, and leave no broken dialog behind.
            LogTurnFailed(logger, inbound.Conversation, e);
            await turns.ForgetDialogAsync(ChannelId, inbound.Conversation);
            await SendAsync(inbound, Replies.Apology(LanguageExtensions.Detect(inbound.Text ?? string.Empty)), cancellationToken);
        }
    }

    private async Task SendAsync(SlackInbound inbound, Reply reply, CancellationToken cancellationToken)
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
            return;
        }

        outbox.Post(target.Channel, message, target.ThreadTs); // Paced per channel; sent in order.
    }

    /// <summary>
    /// The agent thread's status while the turn runs (Slack clears it when the reply arrives, or after two minutes), and
    /// a new thread's title: the question, cut to a line. Neither is worth failing the turn over.
    /// </summary>
    private async Task ShowWorkingAsync(SlackAgentThread thread, string? text, CancellationToken cancellationToken)
    {
        var language = LanguageExtensions.Detect(text ?? string.Empty);
        try
        {
            await slack.SetStatusAsync(thread.Channel, thread.ThreadTs, language.Pick("is looking it up…", "正在查找…"), [language.Pick("Searching the knowledge…", "正在检索知识库…"), language.Pick("Reading the sections…", "正在阅读相关章节…")], cancellationToken);
            if (thread.IsNew && !string.IsNullOrWhiteSpace(text))
            {
                var title = text.ReplaceLineEndings(" ").Trim();
                await slack.SetTitleAsync(thread.Channel, thread.ThreadTs, UserText.Fit(title, MaxTitle), cancellationToken);
            }
        }
        catch (Exception e) when (SlackApiClient.IsUnavailable(e, cancellationToken))
        {
            StatusNotShown(logger, thread.Channel, e);
        }
    }

    /// <summary>The longest thread title CniBot sets.</summary>
    private const int MaxTitle = 60;

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

    [LoggerMessage(EventId = 35, Level = LogLevel.Warning, Message = "Slack agent status or title in {Channel} could not be set")]
    private static partial void StatusNotShown(ILogger logger, string channel, Exception error);

    [LoggerMessage(EventId = 34, Level = LogLevel.Warning, Message = "Slack conversations.open with {User} failed: a Home tab button went unanswered")]
    private static partial void DirectNotOpened(ILogger logger, string user);

    [LoggerMessage(EventId = 32, Level = LogLevel.Error, Message = "Slack turn failed in {Conversation}")]
    private static partial void LogTurnFailed(ILogger logger, string conversation, Exception error);
}
