using CniBot.Feedback;

namespace CniBot.Tests.Feedback;

/// <summary>The feedback log shared by several writers, and after a crash mid-append.</summary>
public sealed class FeedbackLogIntegrityTests : IDisposable
{
    private readonly TempFolder data = new();

    [Fact]
    public async Task TornLastLine_IsEnded_SoTheNextRecordIsKept()
    {
        using var store = new JsonLinesFeedbackStore(data.Root);
        await store.AppendAsync(Record("first"));
        await File.AppendAllTextAsync(store.FilePath, "{\"time\":\"2026-12-05T00:00:00+00:00\",\"kind\":\"unans"); // a crash mid-append

        await store.AppendAsync(Record("after the crash"));

        Assert.Equal(["first", "after the crash"], (await store.ReadAllAsync()).Select(r => r.Question));
    }

    [Fact]
    public async Task WritersOnOneFile_NeverOverwriteEachOther()
    {
        // Separate stores stand for separate processes (replicas on one volume): each has its own in-process gate,
        // so only the file lock keeps their appends apart.
        var writers = Enumerable.Range(0, 4).Select(_ => new JsonLinesFeedbackStore(data.Root)).ToArray();
        try
        {
            await Task.WhenAll(writers.Select((store, w) => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    await store.AppendAsync(Record($"w{w}-{i}-" + new string('x', 2_000)));
                }
            })));

            var lines = await File.ReadAllLinesAsync(writers[0].FilePath);
            Assert.Equal(400, lines.Length);
            Assert.Equal(400, (await writers[0].ReadAllAsync()).Select(r => r.Question![..r.Question!.IndexOf('-', 3)]).Distinct().Count());
        }
        finally
        {
            foreach (var store in writers)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public async Task CancelledAppend_WritesAllOrNothing()
    {
        using var store = new JsonLinesFeedbackStore(data.Root);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync(Record("never"), cancelled.Token));
        await store.AppendAsync(Record("kept"));

        Assert.Equal(["kept"], (await store.ReadAllAsync()).Select(r => r.Question));
    }

    public void Dispose() => data.Dispose();

    private static FeedbackRecord Record(string question) =>
        new() { Time = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero), Kind = FeedbackKind.Unanswered, Question = question };
}
