namespace CniBot.Conversation;

/// <summary>What the conversation engine reports for monitoring; the host maps it to Prometheus.</summary>
public interface IBotMetrics
{
    void Answered(Language language);

    void Unanswered(Language language);

    void Rated(bool helpful);
}

/// <summary>Metrics that go nowhere: the CLI and tests that do not look at them.</summary>
public sealed class NullBotMetrics : IBotMetrics
{
    public static NullBotMetrics Instance { get; } = new();

    public void Answered(Language language)
    {
    }

    public void Unanswered(Language language)
    {
    }

    public void Rated(bool helpful)
    {
    }
}
