using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace CniBot.Bot.BotFramework;

/// <summary>
/// The Bot Framework authentication with the two per-turn clients created only when a turn uses them.
/// </summary>
/// <remarks>
/// CloudAdapter builds a Bot Connector client and a user token client for every turn before the bot runs, and
/// disposes them after it. Each is a <c>ServiceClient</c> whose constructor composes a User-Agent, compiling
/// regular expressions and reading assembly attributes: profiled at 32 connections, building the two took half of
/// the CPU of an answered request. Most CniBot turns use neither: expectReplies turns (Web Chat, the chat page)
/// return their replies in the response, and CniBot never signs users in. So the adapter hands the turn placeholders
/// that build the real client on first use and dispose it with the turn; a reply POSTed to the channel builds it as
/// before.
/// </remarks>
internal sealed class DeferredClientsAuthentication(BotFrameworkAuthentication inner) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        Defer(await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken));

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
        Defer(await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken));

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new DeferredConnectorFactory(inner.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(new DeferredUserTokenClient(token => inner.CreateUserTokenClientAsync(claimsIdentity, token)));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    /// <summary>The same result with its connector factory deferred.</summary>
    internal static AuthenticateRequestResult Defer(AuthenticateRequestResult result)
    {
        if (result.ConnectorFactory is not null and not DeferredConnectorFactory)
        {
            result.ConnectorFactory = new DeferredConnectorFactory(result.ConnectorFactory);
        }

        return result;
    }
}

/// <summary>Hands out connector clients that are built by the inner factory when first used.</summary>
internal sealed class DeferredConnectorFactory(ConnectorFactory inner) : ConnectorFactory
{
    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
        Task.FromResult<IConnectorClient>(new DeferredConnectorClient(() => inner.CreateAsync(serviceUrl, audience, CancellationToken.None)));
}

/// <summary>
/// A Bot Connector client built on first use. <see cref="IConnectorClient"/>'s members are properties, so the build
/// waits for the factory: the SDK's factories finish synchronously (they only construct credentials; tokens are
/// fetched later, by the credentials, when a request is sent), so nothing blocks on I/O here.
/// </summary>
internal sealed class DeferredConnectorClient(Func<Task<IConnectorClient>> create) : IConnectorClient
{
    private readonly Lazy<IConnectorClient> client = new(() => create().GetAwaiter().GetResult(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the real client was built (for tests: an expectReplies turn must not build it).</summary>
    internal bool IsCreated => client.IsValueCreated;

    public Uri BaseUri
    {
        get => client.Value.BaseUri;
        set => client.Value.BaseUri = value;
    }

    public JsonSerializerSettings SerializationSettings => client.Value.SerializationSettings;

    public JsonSerializerSettings DeserializationSettings => client.Value.DeserializationSettings;

    public ServiceClientCredentials Credentials => client.Value.Credentials;

    public IAttachments Attachments => client.Value.Attachments;

    public IConversations Conversations => client.Value.Conversations;

    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }
}

/// <summary>A user token client built on first use and disposed with the turn.</summary>
internal sealed class DeferredUserTokenClient(Func<CancellationToken, Task<UserTokenClient>> create) : UserTokenClient
{
    private readonly object gate = new();
    private Task<UserTokenClient>? client;

    /// <summary>Whether the real client was built (for tests).</summary>
    internal bool IsCreated => client is not null;

    public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
        await (await Client(cancellationToken)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

    public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
        await (await Client(cancellationToken)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

    public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
        await (await Client(cancellationToken)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

    public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
        await (await Client(cancellationToken)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

    public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
        await (await Client(cancellationToken)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

    public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
        await (await Client(cancellationToken)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && client is { IsCompletedSuccessfully: true } created)
        {
            created.Result.Dispose();
        }

        base.Dispose(disposing);
    }

    private Task<UserTokenClient> Client(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            // A failed or cancelled build is not kept: the next call tries again.
            if (client is null || client.IsFaulted || client.IsCanceled)
            {
                client = create(cancellationToken);
            }

            return client;
        }
    }
}
