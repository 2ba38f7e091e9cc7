using CniBot.Bot.Slack;
using CniBot.Feedback;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Slack;

/// <summary>The Home tab's view, as views.publish receives it.</summary>
public sealed class SlackHomeTests
{
    [Fact]
    public void ForAMaintainer_ItListsUnhelpfulSectionsWithWhatUsersWrote_WithinSlacksLimits()
    {
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var report = FeedbackReport.From(
        [
            new FeedbackRecord { Time = at, Kind = FeedbackKind.Rating, Section = "knowledge/en/mtu.md#x", Helpful = false, Reason = "GKE uses 1460 <not 1500>" },
            new FeedbackRecord { Time = at, Kind = FeedbackKind.Unanswered, Question = "How do I tune Kafka?" },
        ]);

        var view = SlackHome.View(report);

        var text = string.Join("\n", view.Descendants().OfType<JValue>().Select(v => v.Value as string).OfType<string>());
        Assert.Contains("1 × `knowledge/en/mtu.md#x`", text, StringComparison.Ordinal);
        Assert.Contains("“GKE uses 1460 &lt;not 1500&gt;”", text, StringComparison.Ordinal); // escaped for mrkdwn
        Assert.Contains("1 × How do I tune Kafka?", text, StringComparison.Ordinal);
        var blocks = (JArray)view["blocks"]!;
        Assert.InRange(blocks.Count, 1, 100);
        Assert.All(blocks.Where(b => (string?)b["type"] == "section"), b => Assert.True(((string)b["text"]!["text"]!).Length <= BlockKitRenderer.MaxSectionText));
        Assert.All(view.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "button"), b => Assert.True(((string)b["text"]!["text"]!).Length <= BlockKitRenderer.MaxButtonText));
    }

    [Fact]
    public void ForEveryoneElse_ThereIsNoMaintainersPart_AndEveryExampleIsAButtonThatAsksIt()
    {
        var view = SlackHome.View(report: null);

        Assert.DoesNotContain("For maintainers", view.ToString(), StringComparison.Ordinal);
        var asks = view.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "button" && ((string)o["value"]!).Contains("\"ask\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(SlackHome.Examples, asks.Select(b => (string)JObject.Parse((string)b["value"]!)["question"]!));
        Assert.Equal(asks.Length, asks.Select(b => (string)b["action_id"]!).Distinct().Count());
    }
}
