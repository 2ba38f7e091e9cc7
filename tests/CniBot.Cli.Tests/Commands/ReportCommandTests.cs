using System.Text.Json;
using CniBot.Feedback;

namespace CniBot.Tests.Commands;

public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_ListsUnansweredAndNegativeFeedback_NewestFirst_WithCounts()
    {
        using var data = new TempFolder();
        using (var store = new JsonLinesFeedbackStore(data.Root))
        {
            var t = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
            await store.AppendAsync(new FeedbackRecord { Time = t, Kind = FeedbackKind.Unanswered, Question = "如何做红烧肉", Language = "zh" });
            await store.AppendAsync(new FeedbackRecord { Time = t.AddHours(1), Kind = FeedbackKind.Unanswered, Question = "What is Istio ambient mode?", Language = "en" });
            await store.AppendAsync(new FeedbackRecord { Time = t.AddHours(2), Kind = FeedbackKind.Unanswered, Question = "如何做红烧肉", Language = "zh" });
            await store.AppendAsync(new FeedbackRecord { Time = t.AddHours(3), Kind = FeedbackKind.Rating, Section = "knowledge/en/mtu.md#x", Helpful = false, Reason = "GKE uses 1460, not 1500", Channel = "msteams" });
            await store.AppendAsync(new FeedbackRecord { Time = t.AddHours(4), Kind = FeedbackKind.Rating, Section = "knowledge/en/mtu.md#y", Helpful = true });
        }

        var (exit, output, _) = CliRunner.Run(data.Root, "report", "--json", "--data", ".");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var unanswered = json.RootElement.GetProperty("unanswered");
        Assert.Equal("如何做红烧肉", unanswered[0].GetProperty("subject").GetString());
        Assert.Equal(2, unanswered[0].GetProperty("count").GetInt32());
        Assert.Equal("What is Istio ambient mode?", unanswered[1].GetProperty("subject").GetString());
        Assert.Equal("knowledge/en/mtu.md#x", json.RootElement.GetProperty("negativeFeedback")[0].GetProperty("subject").GetString());
        Assert.Equal("GKE uses 1460, not 1500", json.RootElement.GetProperty("negativeFeedback")[0].GetProperty("reasons")[0].GetString());
        Assert.Equal(1, json.RootElement.GetProperty("positiveFeedback").GetInt32());

        var (textExit, text, _) = CliRunner.Run(data.Root, "report", "--data", ".");
        Assert.Equal(0, textExit);
        Assert.Contains("Unanswered questions (3 in 2 distinct):", text, StringComparison.Ordinal);
        Assert.Contains("   2 × 如何做红烧肉", text, StringComparison.Ordinal);
        Assert.Contains("“GKE uses 1460, not 1500”", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithNoLog_SaysNone()
    {
        using var data = new TempFolder();

        var (exit, text, _) = CliRunner.Run(data.Root, "report", "--data", "empty");

        Assert.Equal(0, exit);
        Assert.Contains("  none", text, StringComparison.Ordinal);
    }
}
