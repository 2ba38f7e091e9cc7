namespace CniBot.Diagnosis.Calculators;

/// <summary>What running a recommended step does to a cluster, so that on-call staff know what they are about to touch.</summary>
public enum StepImpact
{
    /// <summary>Only reads: safe at any time.</summary>
    ReadOnly,

    /// <summary>Changes configuration without interrupting traffic by itself.</summary>
    Change,

    /// <summary>Restarts or reconnects something: plan it, traffic may be interrupted.</summary>
    Disruptive,
}

/// <summary>One concrete step of a result: what to do, the exact commands, and the knowledge behind it.</summary>
/// <param name="Impact">What running it touches; null for steps that are not actions (a ranked plugin).</param>
public sealed record Recommendation(string Title, string Body, StepImpact? Impact, IReadOnlyList<string> Sources)
{
    /// <summary>Knowledge sections, as <c>id#anchor</c> of the English documents (the bot shows the user's language).</summary>
    public IReadOnlyList<string> Sources { get; init; } = Sources;
}

/// <summary>A calculator's answer: a headline, the working shown, and the steps to apply and verify it.</summary>
public sealed record CalculationResult(string Headline, IReadOnlyList<string> Working, IReadOnlyList<Recommendation> Steps, IReadOnlyList<string> Notes);
