namespace CniBot.Tests;

/// <summary>Locates test data copied next to the test assembly.</summary>
internal static class TestFiles
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));
}

/// <summary>A throw-away folder of knowledge files for one test.</summary>
internal sealed class TempKnowledge : IDisposable
{
    public TempKnowledge()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cnibot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempKnowledge With(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Root, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
