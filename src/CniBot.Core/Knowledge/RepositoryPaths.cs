namespace CniBot.Knowledge;

/// <summary>Paths shown to users and in citations are relative to the repository root, with forward slashes.</summary>
public static class RepositoryPaths
{
    /// <summary>
    /// The repository root above <paramref name="knowledgeDirectory"/> (the nearest folder with <c>.git</c> or a
    /// solution file), else the knowledge folder's parent, so that citations read <c>knowledge/en/x.md</c>.
    /// </summary>
    public static string DisplayRoot(string knowledgeDirectory)
    {
        for (var dir = new DirectoryInfo(knowledgeDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))
                || dir.EnumerateFiles("*.sln").Any())
            {
                return dir.FullName;
            }
        }

        return Directory.GetParent(knowledgeDirectory)?.FullName ?? knowledgeDirectory;
    }

    public static string Display(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
