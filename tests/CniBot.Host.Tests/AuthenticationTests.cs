using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CniBot.Tests.Fakes;

namespace CniBot.Tests;

/// <summary>
/// With an app id set, only requests with a valid Bot Framework token get through, and every failure fails closed.
/// The signing keys come from a fake metadata server on 127.0.0.1, so real validation runs offline.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime, IDisposable
{
    private const string AppId = "6a0c3b2e-1f4d-4c8e-9b7a-2d5e8f1a3c4b";
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private readonly TempFolder data = new();
    private FakeBotFrameworkKeys keys = null!;

    public async Task InitializeAsync()
    {
        keys = await FakeBotFrameworkKeys.StartAsync();

        // Microsoft.IdentityModel fetches the metadata over HTTPS with its own HttpClient, so the fake's certificate
        // must be trusted the way a real one is: through the (user's) root store, for the duration of these tests.
        using var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        roots.Open(OpenFlags.ReadWrite);
        roots.Add(keys.Certificate);
    }

    [Fact]
    public async Task NoToken_Is401()
    {
        await using var factory = Factory(keys.MetadataUrl);
        var client = await factory.ReadyClientAsync();

        var response = await BotRequests.PostAsync(client, BotRequests.Message("help", ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.")]
    public async Task MalformedToken_Is401(string token)
    {
        await using var factory = Factory(keys.MetadataUrl);
        var client = await factory.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await BotRequests.PostAsync(client, BotRequests.Message("help", ServiceUrl), token)).StatusCode);
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Is401()
    {
        await using var factory = Factory(keys.MetadataUrl);
        var client = await factory.ReadyClientAsync();
        using var forger = RSA.Create(2048);

        var response = await BotRequests.PostAsync(client, BotRequests.Message("help", ServiceUrl), keys.Sign(AppId, ServiceUrl, forger));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ValidTokenForAnotherBot_Is401()
    {
        await using var factory = Factory(keys.MetadataUrl);
        var client = await factory.ReadyClientAsync();

        var response = await BotRequests.PostAsync(client, BotRequests.Message("help", ServiceUrl), keys.Sign("some-other-app-id", ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ValidToken_IsAnswered()
    {
        await using var factory = Factory(keys.MetadataUrl);
        var client = await factory.ReadyClientAsync();

        var response = await BotRequests.PostAsync(client, BotRequests.Message("help", ServiceUrl), keys.Sign(AppId, ServiceUrl));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Single(await BotRequests.RepliesAsync(response));
    }

    [Fact]
    public async Task SigningKeysUnreachable_Is503_NeverASuccessOr500()
    {
        // A port nothing listens on: the metadata cannot be fetched.
        var closedPort = LoopbackPorts.Free();
        await using var factory = Factory(new Uri($"https://127.0.0.1:{closedPort}/.well-known/openidconfiguration"));
        var client = await factory.ReadyClientAsync();

        var response = await BotRequests.PostAsync(client, BotRequests.Message("help", ServiceUrl), keys.Sign(AppId, ServiceUrl));

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        using (var roots = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            roots.Open(OpenFlags.ReadWrite);
            roots.Remove(keys.Certificate);
        }

        await keys.DisposeAsync();
    }

    public void Dispose() => data.Dispose();

    private CniBotFactory Factory(Uri metadata) => new(Settings(metadata));

    private Dictionary<string, string?> Settings(Uri metadata) => new()
    {
        ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
        ["Data:Path"] = data.Root,
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-used-by-these-tests",
        // Setting any of these switches the SDK to its parameterized authentication, which then needs the whole set:
        // the public cloud's values, with only the signing-key metadata pointed at the fake on 127.0.0.1.
        ["ToBotFromChannelOpenIdMetadataUrl"] = metadata.AbsoluteUri,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = metadata.AbsoluteUri,
        ["ToBotFromChannelTokenIssuer"] = FakeBotFrameworkKeys.Issuer,
        ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
        ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        ["OAuthUrl"] = "https://api.botframework.com",
        ["CallerId"] = "urn:botframework:azure",
        ["ValidateAuthority"] = "true",
    };
}
