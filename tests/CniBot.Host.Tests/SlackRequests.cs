using System.Globalization;
using System.Text;
using CniBot.Bot.Slack;

namespace CniBot.Tests;

/// <summary>Requests as Slack sends them: the body signed with the app's signing secret and the current time.</summary>
internal static class SlackRequests
{
    public static HttpRequestMessage Signed(string path, string body, string contentType, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", new SlackSignatureVerifier(secret, TimeProvider.System).SignatureFor(timestamp, bytes));
        return request;
    }
}
