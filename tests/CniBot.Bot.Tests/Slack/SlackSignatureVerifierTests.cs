using System.Text;
using CniBot.Bot.Slack;

namespace CniBot.Tests.Slack;

public sealed class SlackSignatureVerifierTests
{
    private const string OfficialSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string OfficialBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    /// <summary>Slack's published example (vector A) and the computed vectors B–F of shared/facts/chat-protocols.md §1.</summary>
    public static TheoryData<string, long, string, string> Vectors() => new()
    {
        { OfficialSecret, 1531420618, OfficialBody, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" },
        { OfficialSecret, 1531420618, "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}", "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652" },
        { "secret", 1700000000, "{\"foo\":\"bar\"}", "v0=f2860e86f6b17d05bcfdb20ec88167a134d1c976d6e7b4cebf41266a4eb0909d" },
        { "secret", 1700000000, "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22approve%22%2C%22block_id%22%3A%22b1%22%2C%22value%22%3A%22deploy-42%22%2C%22type%22%3A%22button%22%7D%5D%7D", "v0=740f70afa79777891c50c7c2668a117533efca4cac3136e033d55d437936e083" },
        { "secret", 1700000000, string.Empty, "v0=de310687eb633ace5ba2c1f28576085a71c1380f166eecf6b078f7a8a9c43b69" },
        { "secret", 1700000000, "{\"text\":\"héllo ✓\"}", "v0=3b607ab80061d95cdb676a600619d816b77e349a98a2bfc9af3c750411b8b7cd" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_AcceptsTheKnownVectors(string secret, long timestamp, string body, string signature)
    {
        var verifier = new SlackSignatureVerifier(secret, new FixedClock(timestamp));

        Assert.Null(verifier.Verify(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Encoding.UTF8.GetBytes(body)));
        Assert.Equal(signature, verifier.SignatureFor(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData(301, "more than five minutes")]
    [InlineData(-301, "more than five minutes")]
    [InlineData(300, null)]
    [InlineData(-300, null)]
    public void Verify_EnforcesTheFiveMinuteWindowBothWays(long skew, string? problem)
    {
        var verifier = new SlackSignatureVerifier(OfficialSecret, new FixedClock(1531420618 + skew));

        var result = verifier.Verify("1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", Encoding.UTF8.GetBytes(OfficialBody));

        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("secret", "{\"text\":\"héllo ✓\"}------", "v0=3b607ab80061d95cdb676a600619d816b77e349a98a2bfc9af3c750411b8b7cd", "does not match")]
    [InlineData("wrong-secret", "{\"text\":\"héllo ✓\"}", "v0=3b607ab80061d95cdb676a600619d816b77e349a98a2bfc9af3c750411b8b7cd", "does not match")]
    [InlineData("secret", "{\"text\":\"héllo ✓\"}", "v0=3B607AB80061D95CDB676A600619D816B77E349A98A2BFC9AF3C750411B8B7CD", null)]
    [InlineData("secret", "{\"text\":\"héllo ✓\"}", "v1=3b607ab80061d95cdb676a600619d816b77e349a98a2bfc9af3c750411b8b7cd", "malformed X-Slack-Signature")]
    [InlineData("secret", "{\"text\":\"héllo ✓\"}", "v0=invalid-signature", "malformed X-Slack-Signature")]
    [InlineData("secret", "{\"text\":\"héllo ✓\"}", "v0=zz607ab80061d95cdb676a600619d816b77e349a98a2bfc9af3c750411b8b7cd", "malformed X-Slack-Signature")]
    [InlineData("secret", "{\"text\":\"héllo ✓\"}", "", "malformed X-Slack-Signature")]
    public void Verify_RejectsTamperedOrMalformedRequests(string secret, string body, string signature, string? problem)
    {
        var verifier = new SlackSignatureVerifier(secret, new FixedClock(1700000000));

        var result = verifier.Verify("1700000000", signature, Encoding.UTF8.GetBytes(body));

        if (problem is null)
        {
            Assert.Null(result); // Hex digits may come in either case.
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_HashesTheRawBytes_NotAReencodedString()
    {
        var verifier = new SlackSignatureVerifier("secret", new FixedClock(1700000000));
        var utf16 = Encoding.Unicode.GetBytes("{\"text\":\"héllo ✓\"}");

        Assert.NotNull(verifier.Verify("1700000000", "v0=3b607ab80061d95cdb676a600619d816b77e349a98a2bfc9af3c750411b8b7cd", utf16));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1700000000")]
    [InlineData("1700000000.5")]
    public void Verify_RejectsMissingOrGarbledTimestamps(string? timestamp)
    {
        var verifier = new SlackSignatureVerifier("secret", new FixedClock(1700000000));

        Assert.Contains("X-Slack-Request-Timestamp", verifier.Verify(timestamp, "v0=de310687eb633ace5ba2c1f28576085a71c1380f166eecf6b078f7a8a9c43b69", []), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_RejectsAnEmptySecret(string secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SlackSignatureVerifier(secret, TimeProvider.System));
    }

    private sealed class FixedClock(long unixSeconds) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
    }
}
