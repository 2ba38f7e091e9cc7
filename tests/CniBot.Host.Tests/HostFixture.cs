namespace CniBot.Tests;

/// <summary>One host over the real knowledge, shared by the tests of a class; feedback goes to a temp folder.</summary>
public sealed class HostFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder data = new();

    public CniBotFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string DataFolder => data.Root;

    public async Task InitializeAsync()
    {
        Factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = CniBotFactory.RepositoryKnowledge,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppId"] = string.Empty,
            ["MicrosoftAppPassword"] = string.Empty,
        });
        Client = await Factory.ReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Dispose();
    }

    public void Dispose() => data.Dispose();
}
