namespace CniBot.Knowledge;

/// <summary>A problem found in a knowledge file, located by its display path and 1-based line.</summary>
public sealed record KnowledgeDiagnostic(string Path, int Line, string Message)
{
    /// <summary>The <c>path:line: message</c> form that editors and CI logs understand.</summary>
    public override string ToString() => $"{Path}:{Line}: {Message}";
}
