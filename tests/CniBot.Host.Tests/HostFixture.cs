namespace CniBot.Tests;

/// <summary>One host over the real knowledge, shared by the tests of a class; feedback goes to a temp folder.</summary>
public class HostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder data = new();

    public CniBotFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string DataFolder => data.Root;

    public async Task InitializeAsync()
    {
        Factory = new CniBotFactory(Settings(data.Root));
        Client = await Factory.ReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The host's settings: the repository's knowledge, <paramref name="dataFolder"/>, authentication off.</summary>
    protected virtual Dictionary<string, string?> Settings(string dataFolder) => new()
    {
        ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
        ["Data:Path"] = dataFolder,
        ["MicrosoftAppId"] = string.Empty,
        ["MicrosoftAppPassword"] = string.Empty,
    };

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            data.Dispose();
        }
    }
}
