namespace CniBot.Tests.Architecture;

/// <summary>
/// The Bot Framework SDK is end of life and its successor is not yet in our package registry: a later move must touch
/// one folder. Only <c>src/CniBot.Bot/BotFramework/</c> may name <c>Microsoft.Bot.*</c>, in a using or a qualified name.
/// </summary>
public sealed class BotFrameworkBoundaryTests
{
    [Fact]
    public void OnlyTheBotFrameworkFolder_NamesTheSdk()
    {
        var src = Path.Combine(Repository.Root, "src");
        var allowed = Path.Combine(src, "CniBot.Bot", "BotFramework") + Path.DirectorySeparatorChar;

        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.StartsWith(allowed, StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(line => line.Contains("Microsoft.Bot.", StringComparison.Ordinal) && !line.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Repository.Root, f));

        Assert.Empty(offenders);
    }
}
