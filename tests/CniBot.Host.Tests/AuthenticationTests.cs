using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CniBot.Tests.Fakes;

namespace CniBot.Tests;

/// <summary>
/// With an app id set, only requests with a valid Bot Framework token get through, and every failure fails closed.
/// The signing keys come from a fake metadata server on 127.0.0.1, so real validation runs offline.
/// </summary>
public sealed class AuthenticationTests(AuthenticationTests.SignedHost host) : IClassFixture<AuthenticationTests.SignedHost>
{
    private const string AppId = "6a0c3b2e-1f4d-4c8e-9b7a-2d5e8f1a3c4b";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    [Fact]
    public async Task NoToken_Is401()
    {
        var response = await BotRequests.PostAsync(host.Client, BotRequests.Message("help", ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.")]
    public async Task MalformedToken_Is401(string token)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await BotRequests.PostAsync(host.Client, BotRequests.Message("help", ServiceUrl), token)).StatusCode);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Is401()
    {
        using var forger = RSA.Create(2048);

        var response = await BotRequests.PostAsync(host.Client, BotRequests.Message("help", ServiceUrl), host.Keys.Sign(AppId, ServiceUrl, forger));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ValidTokenForAnotherBot_Is401()
    {
        var response = await BotRequests.PostAsync(host.Client, BotRequests.Message("help", ServiceUrl), host.Keys.Sign("some-other-app-id", ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ValidToken_IsAnswered()
    {
        var response = await BotRequests.PostAsync(host.Client, BotRequests.Message("help", ServiceUrl), host.Keys.Sign(AppId, ServiceUrl));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Single(await BotRequests.RepliesAsync(response));
    }

    [Fact]
    public async Task SigningKeysUnreachable_Is503_NeverASuccessOr500()
    {
        // A port nothing listens on: the metadata cannot be fetched.
        var closedPort = LoopbackPorts.Free();
        await using var unreachable = host.Factory(new Uri($"https://127.0.0.1:{closedPort}/.well-known/openidconfiguration"));
        var unreachableClient = await unreachable.ReadyClientAsync();

        var response = await BotRequests.PostAsync(unreachableClient, BotRequests.Message("help", ServiceUrl), host.Keys.Sign(AppId, ServiceUrl));

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The fake signing keys, trusted for the length of these tests, and one host that fetches them: every request is
    /// validated on its own, so the tests share it (a host per test cost seconds each).
    /// </summary>
    public sealed class SignedHost : IAsyncLifetime, IDisposable
    {
        private readonly TempFolder data = new();
        private CniBotFactory factory = null!;

        internal FakeBotFrameworkKeys Keys { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Keys = await FakeBotFrameworkKeys.StartAsync();

            // Microsoft.IdentityModel fetches the metadata over HTTPS with its own HttpClient, so the fake's
            // certificate must be trusted the way a real one is: through the (user's) root store, for these tests.
            using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
            {
                roots.Open(OpenFlags.ReadWrite);
                roots.Add(Keys.Certificate);
            }

            factory = Factory(Keys.MetadataUrl);
            Client = await factory.ReadyClientAsync();
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await factory.DisposeAsync();
            using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
            {
                roots.Open(OpenFlags.ReadWrite);
                roots.Remove(Keys.Certificate);
            }

            await Keys.DisposeAsync();
        }

        public void Dispose() => data.Dispose();

        /// <summary>A host whose Bot Framework signing-key metadata is at <paramref name="metadata"/>.</summary>
        internal CniBotFactory Factory(Uri metadata) => new(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-by-these-tests",
            // Setting any of these switches the SDK to its parameterized authentication, which then needs the whole
            // set: the public cloud's values, with only the signing-key metadata pointed at the fake on 127.0.0.1.
            ["ToBotFromChannelOpenIdMetadataUrl"] = metadata.AbsoluteUri,
            ["ToBotFromEmulatorOpenIdMetadataUrl"] = metadata.AbsoluteUri,
            ["ToBotFromChannelTokenIssuer"] = FakeBotFrameworkKeys.Issuer,
            ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
            ["OAuthUrl"] = "https://api.botframework.com",
            ["CallerId"] = "urn:botframework:azure",
            ["ValidateAuthority"] = "true",
        });
    }
}
