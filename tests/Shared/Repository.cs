namespace CniBot.Tests;

/// <summary>The repository the tests run in: its root holds CniBot.sln, knowledge/ and deploy/.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CniBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the tests must run inside the CniBot repository");
    }
}
