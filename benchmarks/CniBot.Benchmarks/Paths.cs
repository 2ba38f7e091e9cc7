namespace CniBot.Benchmarks;

internal static class Paths
{
    /// <summary>The repository root: the folder above this program that holds CniBot.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>A generated corpus of <paramref name="sections"/> sections, written once and reused.</summary>
    public static string Corpus(int sections)
    {
        var folder = Path.Combine(Root, "artifacts", "corpus", sections.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!File.Exists(Path.Combine(folder, ".complete")))
        {
            CorpusGenerator.Generate(Knowledge, sections, folder);
            File.WriteAllText(Path.Combine(folder, ".complete"), string.Empty);
        }

        return folder;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CniBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the CniBot repository");
    }
}
