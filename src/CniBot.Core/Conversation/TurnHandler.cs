using CniBot.Diagnosis.Dialogs;
using CniBot.Hosting;
using Microsoft.Extensions.Logging;

namespace CniBot.Conversation;

/// <summary>A 👍 or 👎 on an answer: the question and section it rates (when known) and the user's words.</summary>
public sealed record Rating(bool Helpful, string? Question, string? Section, string? Reason);

/// <summary>
/// One turn of any channel, from what the user sent to the replies to render: the turn limits (a person over them is
/// told so), the conversation's dialog loaded and kept (<see cref="IDialogStore"/>), the
/// <see cref="ConversationEngine"/>, and the degraded answer while the state store is away (questions answered,
/// dialogs said to be unavailable). Channels keep only their transport and renderer.
/// </summary>
public sealed partial class TurnHandler(ConversationEngine engine, IDialogStore dialogs, TurnRateLimiter limiter, ILogger<TurnHandler> logger)
{
    /// <returns>The replies, in order; the dialog is already kept, so a reply's buttons act on the state after this turn.</returns>
    public async Task<IReadOnlyList<Reply>> HandleAsync(string channel, Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (await limiter.CheckAsync(channel, turn.UserId, turn.ConversationId) is { } limit)
        {
            return [Replies.RateLimited(LanguageExtensions.Detect(turn.Text ?? string.Empty), limit)];
        }

        DialogState? dialog;
        var stateAvailable = true;
        try
        {
            dialog = await dialogs.LoadAsync(channel, turn.ConversationId, cancellationToken);
        }
        catch (StateStoreUnavailableException e)
        {
            // The store is away: questions are still answered (search is local); dialogs wait for it to return.
            StateNotLoaded(logger, turn.ConversationId, e);
            dialog = null;
            stateAvailable = false;
        }

        var result = await engine.HandleAsync(turn, dialog, channel, cancellationToken);
        if (!stateAvailable)
        {
            if (result.Dialog is not null || (turn.IsAction && turn.Action!.GetValueOrDefault(ActionNames.Action) == ActionNames.Dialog))
            {
                var language = result.Replies.Count > 0 ? result.Replies[^1].Language : Language.En;
                return [.. result.Replies.Where(r => r.Kind != ReplyKind.DialogPrompt), Replies.StateUnavailable(language)];
            }

            return result.Replies;
        }

        // The state first, then the replies: a reply's buttons act on this state, and on Slack (whose turns run after
        // the acknowledgement) or on another replica a button can be pressed before this turn would otherwise end.
        // A turn with no dialog before or after (a question) does not touch the store.
        if (dialog is not null || result.Dialog is not null)
        {
            try
            {
                await dialogs.SaveAsync(channel, turn.ConversationId, result.Dialog, cancellationToken);
            }
            catch (StateStoreUnavailableException e)
            {
                // The replies still go out; only the dialog's progress is lost, and the next turn says why.
                StateNotSaved(logger, turn.ConversationId, e);
            }
        }

        return result.Replies;
    }

    /// <summary>
    /// A rating given outside a turn (Teams' own feedback buttons), under the same turn limits as a pressed 👍/👎:
    /// false, and nothing recorded, when the user or conversation is over its limit.
    /// </summary>
    public async Task<bool> RateAsync(string channel, string? userId, string conversationId, Rating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        if (await limiter.CheckAsync(channel, userId, conversationId) is not null)
        {
            return false;
        }

        await engine.RateAsync(rating.Helpful, rating.Question, rating.Section, rating.Reason, channel, cancellationToken);
        return true;
    }

    /// <summary>
    /// After a turn failed half-way: ends the conversation's dialog, which may be in a state it cannot leave. Never
    /// throws: it runs where a failure is already being handled (when the store itself is what failed, there is
    /// nothing to clear).
    /// </summary>
    public async Task ForgetDialogAsync(string channel, string conversation)
    {
        try
        {
            await dialogs.SaveAsync(channel, conversation, null, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StateNotCleared(logger, conversation, e);
        }
    }

    // Debug: the outage itself is logged by the store's connection, a few lines per outage; these name each conversation.
    [LoggerMessage(Level = LogLevel.Debug, Message = "State store unavailable: conversation {Conversation} answered without its dialog")]
    private static partial void StateNotLoaded(ILogger logger, string conversation, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "State store unavailable: the dialog of conversation {Conversation} was not saved")]
    private static partial void StateNotSaved(ILogger logger, string conversation, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clear the failed turn's dialog in conversation {Conversation}")]
    private static partial void StateNotCleared(ILogger logger, string conversation, Exception exception);
}
