using CniBot.Knowledge;

namespace CniBot.Hosting;

/// <summary>
/// The result of one (re)load of the knowledge: <see cref="Succeeded"/> when every file loaded cleanly; files with
/// problems kept their last good version; <see cref="Error"/> when the load failed as a whole and the previous
/// index kept serving.
/// </summary>
public sealed record ReloadOutcome(bool Succeeded, int Sections, IReadOnlyList<KnowledgeDiagnostic> Diagnostics, TimeSpan Duration, Exception? Error = null);
