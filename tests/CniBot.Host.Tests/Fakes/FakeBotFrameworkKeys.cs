using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace CniBot.Tests.Fakes;

/// <summary>
/// Bot Framework's OpenID metadata and signing keys, served from 127.0.0.1 so that token validation runs for real
/// without the internet. Tokens signed with <see cref="Sign"/> are valid; any other key is a forgery.
/// </summary>
internal sealed class FakeBotFrameworkKeys : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    private const string KeyId = "cnibot-test-key";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly LoopbackServer server;

    private FakeBotFrameworkKeys(LoopbackServer server, X509Certificate2 certificate)
    {
        this.server = server;
        Certificate = certificate;
    }

    /// <summary>
    /// The server's TLS certificate. Microsoft.IdentityModel fetches metadata over HTTPS only, so the fake speaks
    /// TLS with this certificate, which the tests trust for their duration.
    /// </summary>
    public X509Certificate2 Certificate { get; }

    public Uri MetadataUrl => new(server.Address, ".well-known/openidconfiguration");

    public static async Task<FakeBotFrameworkKeys> StartAsync()
    {
        FakeBotFrameworkKeys? keys = null;
        var certificate = LoopbackServer.CreateCertificate();
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/.well-known/openidconfiguration", (HttpContext http) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = new Uri(keys!.server.Address, "keys").AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            }));
            app.MapGet("/keys", () =>
            {
                var parameters = keys!.rsa.ExportParameters(includePrivateParameters: false);
                return Results.Json(new
                {
                    keys = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["kty"] = "RSA",
                            ["use"] = "sig",
                            ["kid"] = KeyId,
                            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                            ["endorsements"] = new[] { "msteams", "webchat", "emulator" },
                        },
                    },
                });
            });
        }, certificate);
        keys = new FakeBotFrameworkKeys(server, certificate);
        return keys;
    }

    /// <summary>A channel token for <paramref name="appId"/>, as the Bot Connector sends it.</summary>
    public string Sign(string appId, string serviceUrl, RSA? key = null)
    {
        var credentials = new SigningCredentials(new RsaSecurityKey(key ?? rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);
        var token = new JwtSecurityToken(
            Issuer,
            appId,
            [new Claim("serviceurl", serviceUrl)],
            DateTime.UtcNow.AddMinutes(-1),
            DateTime.UtcNow.AddMinutes(10),
            credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        rsa.Dispose();
        Certificate.Dispose();
    }
}
