using System.Net;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

/// <summary>Bad input gets a 4xx with a reason, never a 5xx, and the host keeps answering.</summary>
public sealed class BadRequestTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string, string, HttpStatusCode, string> Requests() => new()
    {
        { "{\"type\":\"message\",", "application/json", HttpStatusCode.BadRequest, "malformed JSON" },
        { "not json at all", "application/json", HttpStatusCode.BadRequest, "malformed JSON" },
        { "[1,2,3]", "application/json", HttpStatusCode.BadRequest, "must be a JSON object" },
        { "{\"type\":\"message\"} {\"x\":1}", "application/json", HttpStatusCode.BadRequest, "Additional text" },
        { "{\"type\":\"message\",\"text\":\"hi\"}", "text/plain", HttpStatusCode.UnsupportedMediaType, "application/json" },
        { "{\"type\":\"message\",\"text\":\"hi\",\"serviceUrl\":\"https://x/\"}", "application/json", HttpStatusCode.BadRequest, "conversation.id" },
        { "{\"type\":\"message\",\"text\":\"hi\",\"conversation\":{\"id\":\"c\"}}", "application/json", HttpStatusCode.BadRequest, "serviceUrl" },
        { "{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"file:///etc/passwd\"}", "application/json", HttpStatusCode.BadRequest, "not an http(s) URL" },
        { "{\"text\":\"hi\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"https://x/\"}", "application/json", HttpStatusCode.BadRequest, "no 'type'" },
        { "{\"type\":\"message\",\"conversation\":5,\"serviceUrl\":\"https://x/\"}", "application/json", HttpStatusCode.BadRequest, "not a Bot Framework activity" },
        { "{\"type\":\"message\",\"timestamp\":\"yesterday\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"https://x/\"}", "application/json", HttpStatusCode.BadRequest, "not a Bot Framework activity" },
        { string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)), "application/json", HttpStatusCode.BadRequest, "malformed JSON" },
        { "{\"type\":\"message\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"https://x/\",\"channelData\":" + string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + string.Concat(Enumerable.Repeat("}", 60)) + "}", "application/json", HttpStatusCode.BadRequest, "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task BadRequest_GetsA4xxWithAReason(string body, string contentType, HttpStatusCode status, string reason)
    {
        var response = await BotRequests.PostRawAsync(host.Client, body, contentType);

        Assert.Equal(status, response.StatusCode);
        var error = (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["error"];
        Assert.True(error?.Contains(reason, StringComparison.Ordinal) == true, error);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task HugeBody_Is413()
    {
        var activity = BotRequests.Message(new string('x', 400 * 1024));

        var response = await BotRequests.PostAsync(host.Client, activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("installationUpdate")]
    [InlineData("somethingNew")]
    public async Task UnknownOrIgnoredActivityTypes_Are200WithoutReplies(string type)
    {
        var activity = BotRequests.Message("hi");
        activity["type"] = type;

        Assert.Empty(await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, activity)));
    }

    [Theory]
    [InlineData("\"a string\"")]
    [InlineData("[1,2]")]
    [InlineData("{\"action\":{\"nested\":true}}")]
    [InlineData("{\"action\":\"section\",\"section\":\"../../etc/passwd\"}")]
    [InlineData("{\"action\":\"feedback\",\"helpful\":\"maybe\"}")]
    [InlineData("12345")]
    public async Task OddValuePayloads_GetANormalReply(string value)
    {
        var activity = BotRequests.Message(string.Empty);
        activity["value"] = JToken.Parse(value);

        var replies = await BotRequests.RepliesAsync(await BotRequests.PostAsync(host.Client, activity));

        var card = BotRequests.Card(Assert.Single(replies));
        Assert.False(string.IsNullOrEmpty(BotRequests.Title(card)));
    }
}
