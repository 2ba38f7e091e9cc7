using CniBot.Feedback;

namespace CniBot.Tests;

/// <summary>A feedback store that keeps nothing, for tests that do not look at the log.</summary>
internal sealed class NoFeedback : IFeedbackStore
{
    public Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<FeedbackRecord>>([]);
}
