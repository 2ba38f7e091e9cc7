using CniBot.Feedback;

namespace CniBot.Tests.Feedback;

public sealed class FeedbackReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Store_RoundTripsRecords_AndSkipsATornLine()
    {
        using var folder = new TempFolder();
        using var store = new JsonLinesFeedbackStore(folder.Root);
        await store.AppendAsync(new FeedbackRecord { Time = T0, Kind = FeedbackKind.Unanswered, Question = "如何做红烧肉", Language = "zh" });
        await File.AppendAllTextAsync(store.FilePath, "{\"time\":\"2026-11-01T09:00:00+00:00\",\"kind\":\"rat");
        await File.AppendAllTextAsync(store.FilePath, "\n");
        await store.AppendAsync(new FeedbackRecord { Time = T0.AddHours(2), Kind = FeedbackKind.Rating, Section = "knowledge/en/a.md#b", Helpful = false });

        var records = await store.ReadAllAsync();

        Assert.Equal(2, records.Count);
        Assert.Equal("如何做红烧肉", records[0].Question);
        Assert.Contains("如何做红烧肉", await File.ReadAllTextAsync(store.FilePath), StringComparison.Ordinal);
        Assert.False(records[1].Helpful);
    }

    [Fact]
    public void Report_GroupsAndCounts_NewestFirst()
    {
        FeedbackRecord[] records =
        [
            new() { Time = T0, Kind = FeedbackKind.Unanswered, Question = "How to bake bread" },
            new() { Time = T0.AddHours(1), Kind = FeedbackKind.Unanswered, Question = "what is   istio" },
            new() { Time = T0.AddHours(2), Kind = FeedbackKind.Unanswered, Question = "how to  bake BREAD" },
            new() { Time = T0.AddHours(3), Kind = FeedbackKind.Rating, Section = "s#1", Helpful = false },
            new() { Time = T0.AddHours(4), Kind = FeedbackKind.Rating, Section = "s#1", Helpful = false },
            new() { Time = T0.AddHours(5), Kind = FeedbackKind.Rating, Section = "s#2", Helpful = true },
        ];

        var report = FeedbackReport.From(records);

        Assert.Equal([("how to  bake BREAD", 2), ("what is   istio", 1)], report.Unanswered.Select(e => (e.Subject, e.Count)));
        Assert.Equal([("s#1", 2)], report.NegativeFeedback.Select(e => (e.Subject, e.Count)));
        Assert.Equal(1, report.PositiveFeedback);
    }

    [Fact]
    public void Report_ListsWhatUsersWroteAboutABadlyRatedSection_NewestFirst_EachOnce()
    {
        FeedbackRecord[] records =
        [
            new() { Time = T0, Kind = FeedbackKind.Rating, Section = "s#1", Helpful = false, Reason = "too vague" },
            new() { Time = T0.AddHours(1), Kind = FeedbackKind.Rating, Section = "s#1", Helpful = false },
            new() { Time = T0.AddHours(2), Kind = FeedbackKind.Rating, Section = "s#1", Helpful = false, Reason = "wrong port for 1.15" },
            new() { Time = T0.AddHours(3), Kind = FeedbackKind.Rating, Section = "s#1", Helpful = false, Reason = "too vague" },
            new() { Time = T0.AddHours(4), Kind = FeedbackKind.Rating, Section = "s#2", Helpful = true, Reason = "spot on" },
        ];

        var entry = Assert.Single(FeedbackReport.From(records).NegativeFeedback);

        Assert.Equal(["too vague", "wrong port for 1.15"], entry.Reasons);
        Assert.Equal(FeedbackRecord.MaxReason, new FeedbackRecord { Time = T0, Kind = FeedbackKind.Rating, Reason = new string('x', 5000) }.Reason!.Length);
    }
}
