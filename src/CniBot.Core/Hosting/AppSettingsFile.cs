namespace CniBot.Hosting;

/// <summary>
/// Finds the one <c>appsettings.json</c> that the CLI and the host share: the nearest one above the current folder,
/// else above the program's own folder. Relative paths in it (<c>Knowledge:Path</c>, <c>Data:Path</c>) are taken
/// from the folder that holds it.
/// </summary>
public static class AppSettingsFile
{
    public const string FileName = "appsettings.json";

    public static string? Find(params string[] starts)
    {
        foreach (var start in starts.Length == 0 ? [Environment.CurrentDirectory, AppContext.BaseDirectory] : starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
