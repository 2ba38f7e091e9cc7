namespace CniBot.Diagnosis.Flows;

public enum StepKind
{
    /// <summary>Pick one of a few answers (buttons).</summary>
    Choice,

    /// <summary>A whole number within a range.</summary>
    Number,

    /// <summary>Free text matching a pattern.</summary>
    Text,

    /// <summary>The end: a calculator turns the answers into recommendations.</summary>
    Result,
}

/// <summary>Variable values that must all match (any of the listed values) for a choice to show or a branch to apply.</summary>
public sealed record Condition(IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    public static Condition Always { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    public bool Holds(IReadOnlyDictionary<string, string> variables) =>
        Values.All(v => variables.TryGetValue(v.Key, out var value) && v.Value.Contains(value, StringComparer.OrdinalIgnoreCase));
}

/// <summary>Where to go after a step: the first branch whose condition holds.</summary>
public sealed record Branch(Condition When, string Goto);

public sealed record Choice(string Value, LocalText Label, Condition When, IReadOnlyDictionary<string, string> Set, string? Next);

public sealed record FlowStep
{
    public required string Id { get; init; }

    public required StepKind Kind { get; init; }

    public LocalText? Prompt { get; init; }

    /// <summary>The variable the answer is stored in.</summary>
    public string? Variable { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    public IReadOnlyList<Branch> Next { get; init; } = [];

    public int Min { get; init; }

    public int Max { get; init; } = int.MaxValue;

    public string? Pattern { get; init; }

    /// <summary>Why a text answer was refused, shown with the re-prompt.</summary>
    public LocalText? PatternError { get; init; }

    public string? Calculator { get; init; }

    public int Line { get; init; }
}

/// <summary>A diagnose flow, loaded from <c>knowledge/diagnostics/*.yaml</c>.</summary>
public sealed record Flow
{
    public required string Id { get; init; }

    public required LocalText Title { get; init; }

    public required LocalText Description { get; init; }

    public required string Start { get; init; }

    public required IReadOnlyDictionary<string, FlowStep> Steps { get; init; }

    public required string Path { get; init; }

    /// <summary>Position in the menu of checks (smaller first).</summary>
    public int Order { get; init; } = 100;
}
