using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CniBot.Bot.Slack;

/// <summary>
/// Verifies Slack's request signature: <c>v0=</c> + hex HMAC-SHA256, keyed with the signing secret, of
/// <c>v0:{timestamp}:{raw body bytes}</c>, compared in constant time, with the timestamp within five minutes of now
/// in either direction (a replayed or a post-dated request fails).
/// </summary>
public sealed class SlackSignatureVerifier
{
    /// <summary>Slack's replay window (the official SDKs use five minutes).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[] key;
    private readonly TimeProvider time;

    public SlackSignatureVerifier(string signingSecret, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signingSecret);
        key = Encoding.UTF8.GetBytes(signingSecret);
        this.time = time;
    }

    /// <returns>Null when the request is authentic, else why it is not.</returns>
    public string? Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(timestampHeader) || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return "missing or malformed X-Slack-Request-Timestamp";
        }

        if (string.IsNullOrWhiteSpace(signatureHeader) || !signatureHeader.StartsWith("v0=", StringComparison.Ordinal) || signatureHeader.Length != 3 + 64)
        {
            return "missing or malformed X-Slack-Signature";
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > (long)Window.TotalSeconds)
        {
            return "the request timestamp is more than five minutes from now";
        }

        byte[] expected;
        try
        {
            expected = Convert.FromHexString(signatureHeader.AsSpan(3));
        }
        catch (FormatException)
        {
            return "missing or malformed X-Slack-Signature";
        }

        return CryptographicOperations.FixedTimeEquals(Sign(timestampHeader, body), expected) ? null : "the signature does not match";
    }

    /// <summary>The signature Slack would send for this timestamp and body.</summary>
    public string SignatureFor(string timestamp, ReadOnlySpan<byte> body) => "v0=" + Convert.ToHexStringLower(Sign(timestamp, body));

    private byte[] Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, message);
    }
}
