namespace CniBot.Feedback;

/// <summary>Where unanswered questions and ratings are kept for maintainers.</summary>
public interface IFeedbackStore
{
    Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every record, oldest first.</summary>
    Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default);
}
