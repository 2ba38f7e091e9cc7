using CniBot.Conversation;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CniBot.Bot.BotFramework;

/// <summary>
/// CloudAdapter with CniBot's error handling. Requests are authenticated first, so that every authentication
/// failure fails closed with 401 (503 only when the signing keys cannot be fetched) instead of the stock 500, and
/// a turn that throws is logged, apologised for in the user's language, and leaves no broken conversation state.
/// The per-turn Bot Connector and user token clients are built only when a turn uses them (<see cref="DeferredClientsAuthentication"/>).
/// </summary>
public sealed partial class CniBotAdapter : CloudAdapter
{
    private readonly BotFrameworkAuthentication authentication;
    private readonly ILogger logger;

    public CniBotAdapter(BotFrameworkAuthentication authentication, TurnHandler turns, ILogger<CniBotAdapter> logger)
        : this(new DeferredClientsAuthentication(authentication), turns, logger)
    {
    }

    private CniBotAdapter(DeferredClientsAuthentication authentication, TurnHandler turns, ILogger<CniBotAdapter> logger)
        : base(authentication, logger)
    {
        this.authentication = authentication;
        this.logger = logger;
        OnTurnError = async (turnContext, exception) =>
        {
            LogTurnFailed(logger, turnContext.Activity?.Conversation?.Id, exception);
            try
            {
                var language = LanguageExtensions.Detect(turnContext.Activity?.Text ?? string.Empty);
                await turnContext.SendActivityAsync(MessageFactory.Text(Texts.Apology(language)));
            }
            catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
            {
                LogApologyFailed(logger, sendFailure);
            }

            // A turn that failed half-way may have left a dialog in a state it cannot leave: start afresh.
            if (turnContext.Activity is { ChannelId: { } channel, Conversation.Id: { } conversation })
            {
                await turns.ForgetDialogAsync(channel, conversation);
            }
        };
    }

    /// <summary>
    /// Runs an activity from the local chat page, which is not a Bot Framework channel and carries no token: the
    /// caller (the chat endpoint, on only when it is allowed) vouches for it. Replies come back because the activity
    /// asks for expectReplies; the connector client is never used to send anything.
    /// </summary>
    /// <param name="botAppId">The bot's own app id (empty with authentication off): the turn runs as the bot itself.</param>
    public async Task<BotResponse> HandleLocalAsync(Activity activity, IBot bot, string? botAppId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);
        var claims = string.IsNullOrEmpty(botAppId)
            ? []
            : new[]
            {
                new System.Security.Claims.Claim(AuthenticationConstants.AudienceClaim, botAppId),
                new System.Security.Claims.Claim(AuthenticationConstants.AppIdClaim, botAppId),
                new System.Security.Claims.Claim(AuthenticationConstants.VersionClaim, "1.0"),
            };
        var local = new AuthenticateRequestResult
        {
            ClaimsIdentity = new System.Security.Claims.ClaimsIdentity(claims),
            Audience = string.Empty,
            ConnectorFactory = new LocalConnectorFactory(),
        };
        return await RunAsync(local, activity, bot, cancellationToken);
    }

    /// <summary>A connector the local chat never sends through (its replies are expected replies), so never built.</summary>
    private sealed class LocalConnectorFactory : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            Task.FromResult<IConnectorClient>(new ConnectorClient(new Uri(serviceUrl), MicrosoftAppCredentials.Empty));
    }

    /// <summary>Authenticates and runs one incoming activity.</summary>
    public async Task<BotResponse> HandleAsync(string? authHeader, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        AuthenticateRequestResult authenticated;
        try
        {
            authenticated = await authentication.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception e) when (KeysUnavailable(e))
        {
            LogKeysUnavailable(logger, e);
            return BotResponse.Fail(503, "the Bot Framework signing keys cannot be fetched right now; try again later");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed: whatever went wrong while checking the token, the request is not authenticated.
            LogUnauthorized(logger, e.Message);
            return BotResponse.Fail(401, "missing or invalid Bot Framework token");
        }

        return await RunAsync(authenticated, activity, bot, cancellationToken);
    }

    /// <summary>Runs the turn; with expectReplies the collected replies are the response body.</summary>
    private async Task<BotResponse> RunAsync(AuthenticateRequestResult authenticated, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        var invokeResponse = await ProcessActivityAsync(DeferredClientsAuthentication.Defer(authenticated), activity, bot.OnTurnAsync, cancellationToken);
        return invokeResponse is null ? new BotResponse(200) : new BotResponse(invokeResponse.Status, invokeResponse.Body);
    }

    /// <summary>
    /// The OpenID metadata or signing keys could not be fetched: a temporary outage, not a bad token. Only a request
    /// that carries a token can get here: without one, authentication fails before any key is needed.
    /// </summary>
    private static bool KeysUnavailable(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or IOException or TaskCanceledException
                || (current is InvalidOperationException && current.Message.Contains("IDX20803", StringComparison.Ordinal)))
            {
                return true;
            }

            if (current is SecurityTokenSignatureKeyNotFoundException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId}")]
    private static partial void LogTurnFailed(ILogger logger, string? conversationId, Exception error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Could not send the apology after a failed turn")]
    private static partial void LogApologyFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Rejected an unauthenticated request: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Bot Framework signing keys are unavailable")]
    private static partial void LogKeysUnavailable(ILogger logger, Exception error);
}
