using CniBot.Bot.BotFramework;
using CniBot.Bot.BotFramework.State;
using CniBot.Conversation;
using CniBot.Hosting;
using CniBot.Loading;
using CniBot.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CniBot.Tests;

public sealed class DeferredClientsTests
{
    [Fact]
    public async Task ExpectRepliesTurn_BuildsNeitherClient_AndStillReturnsItsReplies()
    {
        var bot = new RecordingBot(useConnector: false);

        var response = await Adapter().HandleAsync(null, Activity(DeliveryModes.ExpectReplies), bot, CancellationToken.None);

        Assert.Equal(200, response.Status);
        var replies = Assert.IsType<ExpectedReplies>(response.Body);
        Assert.Equal("pong", Assert.Single(replies.Activities).Text);
        Assert.False(Assert.IsType<DeferredConnectorClient>(bot.Connector).IsCreated);
        Assert.False(Assert.IsType<DeferredUserTokenClient>(bot.Tokens).IsCreated);
    }

    [Fact]
    public async Task TurnThatUsesTheConnector_GetsTheRealClientForTheActivitysServiceUrl()
    {
        var bot = new RecordingBot(useConnector: true);

        await Adapter().HandleAsync(null, Activity(DeliveryModes.ExpectReplies), bot, CancellationToken.None);

        var connector = Assert.IsType<DeferredConnectorClient>(bot.Connector);
        Assert.True(connector.IsCreated);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), bot.BaseUri);
    }

    [Fact]
    public async Task UserTokenClient_IsBuiltOnFirstUse_Once_AndDisposedWithTheTurn()
    {
        var builds = 0;
        var real = new FakeUserTokenClient();
        var deferred = new DeferredUserTokenClient(_ =>
        {
            builds++;
            return Task.FromResult<UserTokenClient>(real);
        });
        Assert.False(deferred.IsCreated);

        await deferred.GetUserTokenAsync("u", "c", "webchat", null!, CancellationToken.None);
        await deferred.SignOutUserAsync("u", "c", "webchat", CancellationToken.None);
        deferred.Dispose();

        Assert.Equal(1, builds);
        Assert.Equal(["GetUserToken", "SignOutUser"], real.Calls);
        Assert.True(real.Disposed);
    }

    [Fact]
    public async Task UserTokenClient_AFailedBuildIsRetriedOnTheNextCall()
    {
        var attempts = 0;
        var deferred = new DeferredUserTokenClient(_ => ++attempts == 1
            ? Task.FromException<UserTokenClient>(new HttpRequestException("token service down"))
            : Task.FromResult<UserTokenClient>(new FakeUserTokenClient()));

        await Assert.ThrowsAsync<HttpRequestException>(() => deferred.GetTokenStatusAsync("u", "webchat", null!, CancellationToken.None));
        await deferred.GetTokenStatusAsync("u", "webchat", null!, CancellationToken.None);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public void UnusedClients_DisposeWithoutBuildingAnything()
    {
        var connector = new DeferredConnectorClient(() => throw new InvalidOperationException("must not be built"));
        var tokens = new DeferredUserTokenClient(_ => throw new InvalidOperationException("must not be built"));

        connector.Dispose();
        tokens.Dispose();

        Assert.False(connector.IsCreated);
        Assert.False(tokens.IsCreated);
    }

    private static CniBotAdapter Adapter() => new(
        new ConfigurationBotFrameworkAuthentication(new ConfigurationBuilder().Build()),
        new TurnHandler(
            new ConversationEngine(LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(Repository.Knowledge)), new NoFeedback(), NullBotMetrics.Instance, TimeProvider.System),
            new StorageDialogStore(new MemoryStorage()),
            new TurnRateLimiter(new MemorySharedCounters(TimeProvider.System), new RateLimitOptions()),
            NullLogger<TurnHandler>.Instance),
        NullLogger<CniBotAdapter>.Instance);


    private static Activity Activity(string deliveryMode) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1",
        Text = "ping",
        ChannelId = "webchat",
        ServiceUrl = "http://127.0.0.1:9/",
        DeliveryMode = deliveryMode,
        From = new ChannelAccount("user"),
        Recipient = new ChannelAccount("bot"),
        Conversation = new ConversationAccount(id: "conversation"),
    };

    /// <summary>Records the clients its turn was given and answers "pong".</summary>
    private sealed class RecordingBot(bool useConnector) : IBot
    {
        public IConnectorClient? Connector { get; private set; }

        public UserTokenClient? Tokens { get; private set; }

        public Uri? BaseUri { get; private set; }

        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            Connector = turnContext.TurnState.Get<IConnectorClient>();
            Tokens = turnContext.TurnState.Get<UserTokenClient>();
            if (useConnector)
            {
                BaseUri = Connector.BaseUri;
            }

            await turnContext.SendActivityAsync("pong", cancellationToken: cancellationToken);
        }
    }

    private sealed class FakeUserTokenClient : UserTokenClient
    {
        public List<string> Calls { get; } = [];

        public bool Disposed { get; private set; }

        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
            Called("GetUserToken", new TokenResponse());

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
            Called("GetSignInResource", new SignInResource());

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            Called("SignOutUser", 0);

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
            Called("GetTokenStatus", Array.Empty<TokenStatus>());

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
            Called("GetAadTokens", new Dictionary<string, TokenResponse>());

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
            Called("ExchangeToken", new TokenResponse());

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }

        private Task<T> Called<T>(string name, T result)
        {
            Calls.Add(name);
            return Task.FromResult(result);
        }
    }
}
